import { createTokenVerifier, remoteJwks } from '../../platform/auth.ts'
import { type Config, SERVICE_NAMES, type ServiceName } from '../../platform/config.ts'
import { type App, closeGracefully, createHttpApp } from '../../platform/http.ts'
import type { Kv } from '../../platform/kv/kv.ts'
import type { Logger } from '../../platform/log.ts'
import { registerDeadLetterRoutes } from './dead-letters.ts'
import { registerDemoImages } from './demo-images.ts'
import { type MergedDocsOptions, registerMergedDocs } from './docs.ts'
import { registerGuard } from './guard.ts'
import { readinessChecks } from './health.ts'
import { registerProxy } from './proxy.ts'
import { ResponseCache } from './response-cache.ts'
import { createRateLimiter } from './rate-limit.ts'
import { registerSecurity } from './security.ts'
import { cachingVerifier } from '../../platform/token-cache.ts'
import { registerWebApp } from './web-app.ts'
import { closeUpstreams, createUpstreams, type Upstreams } from './upstreams.ts'

export interface RunningGateway {
  app: App
  /** `http://127.0.0.1:<port>`, the port it actually listens on. */
  url: string
  close(): Promise<void>
}

export interface GatewayOptions {
  config: Config
  log: Logger
  kv: Kv
  /** Where each service answers (the proxy, health, docs and dead-letter fan-out use them). */
  urls: Record<ServiceName, string>
  /**
   * The services this deployment runs (default: all of them). /health/ready, the merged
   * /docs/json and the dead-letter fan-out cover only these; the proxy routes every area
   * regardless (one whose service is absent answers 503).
   */
  services?: readonly ServiceName[]
  /** Tests shorten the merged docs' cache. */
  docs?: MergedDocsOptions
  /** Where the built storefront is (default web/dist). */
  webDir?: string
}

/**
 * The one public way in: routes `/api/<area>` to the owning service, rejects bad tokens
 * early, rate-limits, adds CORS and security headers, and aggregates health, OpenAPI and
 * dead letters across the services.
 */
export async function buildGateway(opts: GatewayOptions): Promise<App> {
  const { config, kv, urls } = opts
  const log = opts.log.child({ service: 'gateway' })
  const upstreams = createUpstreams(urls)
  const deployed = new Set<ServiceName>(opts.services ?? SERVICE_NAMES)
  const aggregated: Upstreams = new Map([...upstreams].filter(([name]) => deployed.has(name)))

  const app = await createHttpApp({
    service: 'gateway',
    log,
    bodyLimitBytes: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    readiness: readinessChecks(kv, aggregated),
    docs: {
      title: 'Emporium API',
      description: 'The public API of Emporium, as served by the gateway.',
    },
  })
  app.addHook('onClose', async () => closeUpstreams(upstreams))

  const tokens = cachingVerifier(
    createTokenVerifier(remoteJwks(`${urls.identity}/.well-known/jwks.json`, config.auth.jwksCacheSeconds), config.auth.issuer),
  )
  app.decorate('tokens', tokens)

  // Hook order matters: CORS answers preflights before the guard counts or checks anything.
  await registerSecurity(app, config.corsOrigins)
  registerGuard(app, { tokens, limiter: createRateLimiter(kv, config.rateLimit, log) })
  registerMergedDocs(app, aggregated, log, opts.docs)
  await registerProxy(app, upstreams, config.bodyLimitBytes, new ResponseCache(config.gatewayCacheEntries))
  registerDeadLetterRoutes(app, aggregated)
  registerDemoImages(app)
  registerWebApp(app, config, opts.webDir)
  await app.ready()
  return app
}

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const app = await buildGateway(opts)
  try {
    const address = await app.listen({ host: opts.config.host, port: opts.config.port })
    const url = `http://127.0.0.1:${new URL(address).port}`
    app.log.info({ url: address }, 'gateway listening')
    return { app, url, close: () => closeGracefully(app) }
  } catch (err) {
    await app.close()
    throw err
  }
}
