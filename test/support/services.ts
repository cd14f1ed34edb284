import type { PGliteInterface } from '@electric-sql/pglite'
import { CONSUMERS } from '../../src/contracts/routing.ts'
import type { Config, ServiceName } from '../../src/platform/config.ts'
import { pgliteServiceDb } from '../../src/platform/db/db.ts'
import { InProcessTransport } from '../../src/platform/bus/in-process.ts'
import { MemoryKv } from '../../src/platform/kv/memory.ts'
import { openMailer } from '../../src/platform/mail/mailer.ts'
import { createLogger } from '../../src/platform/log.ts'
import { type RunningService, startService } from '../../src/platform/service.ts'
import { SERVICES } from '../../src/services/index.ts'
import { testConfig } from './config.ts'
import { migratedPglite } from './pglite.ts'

export interface TestServices {
  config: Config
  pglite: PGliteInterface
  transport: InProcessTransport
  kv: MemoryKv
  services: Partial<Record<ServiceName, RunningService>>
  get(name: ServiceName): RunningService
  stop(): Promise<void>
}

/**
 * Starts some services on a clone of the migrated PGlite template with the in-process bus,
 * for service tests through `inject`. Identity listens on a loopback port so that the others
 * can fetch its JWKS; the rest are not bound unless `listen` is set.
 */
export async function startTestServices(
  names: ServiceName[],
  options: { env?: Record<string, string>; listen?: boolean } = {},
): Promise<TestServices> {
  const config = testConfig(options.env)
  const log = createLogger(config)
  const pglite = await migratedPglite()
  // As in embedded mode, a message sent before a later service subscribes (identity's start-up admin) waits for it.
  const expected = Object.fromEntries(Object.entries(CONSUMERS).filter(([name]) => names.includes(name as ServiceName)))
  const transport = new InProcessTransport({ maxAttempts: config.bus.maxAttempts, delaysMs: config.bus.retryDelaysMs }, log, { expected })
  const kv = new MemoryKv()
  const mailer = openMailer(config.mail)
  const urls = Object.fromEntries(Object.entries(config.services).map(([n, s]) => [n, s.url])) as Record<ServiceName, string>
  const services: Partial<Record<ServiceName, RunningService>> = {}
  for (const name of names) {
    const module = SERVICES[name]
    if (!module) throw new Error(`No service ${name} in this build`)
    const listen = options.listen || name === 'identity' ? { host: '127.0.0.1', port: 0 } : undefined
    const running = await startService(module, { openDb: async () => pgliteServiceDb(pglite), transport, kv, mailer, urls }, config, log, listen)
    services[name] = running
    if (listen) urls[name] = running.url
  }
  return {
    config,
    pglite,
    transport,
    kv,
    services,
    get(name) {
      const s = services[name]
      if (!s) throw new Error(`${name} was not started`)
      return s
    },
    async stop() {
      const all = Object.values(services)
      await Promise.allSettled(all.map((s) => s.closeHttp()))
      await transport.close()
      await Promise.allSettled(all.map((s) => s.stopWork()))
      await kv.close()
      await mailer.close()
      await pglite.close()
    },
  }
}

export { eventually } from './eventually.ts'
