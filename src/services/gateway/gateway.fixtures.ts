/**
 * Test support for the gateway: stand-in services (small real Fastify apps on 127.0.0.1:0
 * that echo what they receive), a local Ed25519 JWKS on the identity stand-in, and a running
 * gateway in front of them.
 */
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:net'
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import { testConfig } from '../../../test/support/config.ts'
import { type Config, SERVICE_NAMES, type ServiceName } from '../../platform/config.ts'
import type { Kv } from '../../platform/kv/kv.ts'
import { MemoryKv } from '../../platform/kv/memory.ts'
import { createLogger } from '../../platform/log.ts'
import { type RunningGateway, startGateway } from './index.ts'

export interface Echo {
  service: string
  method: string
  url: string
  headers: Record<string, string | string[] | undefined>
  body: string
}

export interface StandInOptions {
  jwks?: { keys: JWK[] }
  /** Dead letters this service holds; without it the service has no dead-letter routes (404). */
  deadLetters?: Array<Record<string, unknown>>
}

export interface StandIn {
  name: ServiceName
  url: string
  app: FastifyInstance
  /** Requests it received, newest last (health and docs probes excluded). */
  received: Echo[]
  ready: boolean
  close(): Promise<void>
}

export async function startStandIn(name: ServiceName, options: StandInOptions = {}): Promise<StandIn> {
  const app = Fastify({ logger: false })
  const received: Echo[] = []
  const state = { ready: true }
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body))

  app.get('/health/ready', async (_req, reply) => reply.code(state.ready ? 200 : 503).send({ status: state.ready ? 'ok' : 'unavailable' }))
  app.get('/docs/json', async () => standInDoc(name))
  if (options.jwks) {
    const jwks = options.jwks
    app.get('/.well-known/jwks.json', async () => jwks)
  }
  if (options.deadLetters) {
    const letters = options.deadLetters
    app.get('/api/admin/dead-letters', async (req) => {
      received.push(echoOf(name, req))
      return { items: letters, total: letters.length, page: 1, pageSize: 100 }
    })
    app.post('/api/admin/dead-letters/:id/replay', async (req, reply) => {
      received.push(echoOf(name, req))
      const letter = letters.find((l) => l.id === (req.params as { id: string }).id)
      if (!letter) return reply.code(404).type('application/problem+json').send({ status: 404, code: 'not_found' })
      return { ...letter, replayedAt: new Date().toISOString() }
    })
  } else {
    // Like a service that consumes nothing: no dead-letter routes.
    const none = async (_req: unknown, reply: FastifyReply) => reply.code(404).send({ status: 404, code: 'route_not_found' })
    app.all('/api/admin/dead-letters', none)
    app.all('/api/admin/dead-letters/*', none)
  }
  // An answer whose Cache-Control the test picks (?cc=); `served` counts how often it was computed.
  let served = 0
  app.get('/api/products/cacheable/*', async (req, reply) => {
    served += 1
    const { cc } = req.query as { cc?: string }
    return reply.header('cache-control', cc ?? 'public, max-age=60').header('etag', `"v${served}"`).send({ served, url: req.url })
  })
  app.get('/api/inventory/teapot', async (_req, reply) => reply.code(418).header('x-cart-id', 'cart-1').send({ short: 'stout' }))
  app.all('/*', async (req) => {
    const echo = echoOf(name, req)
    received.push(echo)
    return echo
  })

  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  return {
    name,
    url: address,
    app,
    received,
    get ready() {
      return state.ready
    },
    set ready(value: boolean) {
      state.ready = value
    },
    close: () => app.close(),
  }
}

function echoOf(service: string, req: { method: string; url: string; headers: Echo['headers']; body?: unknown }): Echo {
  return { service, method: req.method, url: req.url, headers: req.headers, body: typeof req.body === 'string' ? req.body : '' }
}

/** A service's own OpenAPI document: one path of its own and one schema. */
function standInDoc(name: ServiceName) {
  return {
    openapi: '3.1.0',
    info: { title: `Emporium ${name} service`, version: '1.0.0' },
    paths: {
      [`/api/${name}-things`]: { get: { tags: [name], responses: { 200: { description: 'ok' } } } },
    },
    components: { schemas: { [`${name}Thing`]: { type: 'object' }, Money: { type: 'object', description: name === 'catalog' ? 'catalog money' : 'money' } } },
    tags: [{ name }],
  }
}

/** A loopback URL on which nothing listens. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

export interface TokenIssuer {
  jwks: { keys: JWK[] }
  sign(claims?: { sub?: string; role?: 'customer' | 'admin'; expiresIn?: string | number; issuer?: string }): Promise<string>
}

export async function createTokenIssuer(config: Config): Promise<TokenIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
  const kid = randomUUID()
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' }
  return {
    jwks: { keys: [jwk] },
    async sign(claims = {}) {
      return new SignJWT({ role: claims.role ?? 'customer', email: 'someone@example.com', sid: randomUUID() })
        .setProtectedHeader({ alg: 'EdDSA', kid })
        .setSubject(claims.sub ?? randomUUID())
        .setIssuer(claims.issuer ?? config.auth.issuer)
        .setIssuedAt()
        .setExpirationTime(claims.expiresIn ?? '15m')
        .sign(privateKey)
    },
  }
}

export interface World {
  config: Config
  kv: Kv
  tokens: TokenIssuer
  services: Partial<Record<ServiceName, StandIn>>
  urls: Record<ServiceName, string>
  gateway: RunningGateway
  /** The gateway's URL for `path`. */
  at(path: string): string
  service(name: ServiceName): StandIn
  /** Another gateway on the same services and kv. */
  startAnotherGateway(): Promise<RunningGateway>
  close(): Promise<void>
}

export interface WorldOptions {
  env?: Record<string, string>
  /** Services with no stand-in: their URL points at a closed port. */
  down?: ServiceName[]
  deadLetters?: Partial<Record<ServiceName, Array<Record<string, unknown>>>>
  kv?: Kv
  /** Passed to the gateway as the services this deployment runs. */
  deployed?: ServiceName[]
  /** The built storefront the gateway serves (default: an empty folder, as before a build). */
  webDir?: string
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const config = testConfig(options.env)
  const log = createLogger(config)
  const kv = options.kv ?? new MemoryKv()
  const tokens = await createTokenIssuer(config)
  const services: Partial<Record<ServiceName, StandIn>> = {}
  const urls = {} as Record<ServiceName, string>
  for (const name of SERVICE_NAMES) {
    if (options.down?.includes(name)) {
      urls[name] = await closedPortUrl()
      continue
    }
    const standIn = await startStandIn(name, {
      ...(name === 'identity' ? { jwks: tokens.jwks } : {}),
      ...(options.deadLetters?.[name] ? { deadLetters: options.deadLetters[name] } : {}),
    })
    services[name] = standIn
    urls[name] = standIn.url
  }
  const gateways: RunningGateway[] = []
  const startOne = async () => {
    const running = await startGateway({
      config,
      log,
      kv,
      urls,
      docs: { ttlMs: 0, partialTtlMs: 0 },
      webDir: options.webDir ?? '/nonexistent/web/dist',
      ...(options.deployed ? { services: options.deployed } : {}),
    })
    gateways.push(running)
    return running
  }
  const gateway = await startOne()
  return {
    config,
    kv,
    tokens,
    services,
    urls,
    gateway,
    at: (path) => `${gateway.url}${path}`,
    service(name) {
      const s = services[name]
      if (!s) throw new Error(`${name} has no stand-in`)
      return s
    },
    startAnotherGateway: startOne,
    async close() {
      await Promise.allSettled(gateways.map((g) => g.close()))
      await Promise.allSettled(Object.values(services).map((s) => s.close()))
      await kv.close()
    },
  }
}
