import type { PGliteInterface } from '@electric-sql/pglite'
import { CONSUMERS } from './contracts/routing.ts'
import { type Config, SERVICE_NAMES, type ServiceName } from './platform/config.ts'
import { openPglite, pgliteServiceDb, postgresServiceDb } from './platform/db/db.ts'
import { InProcessTransport } from './platform/bus/in-process.ts'
import type { Transport } from './platform/bus/transport.ts'
import type { Kv } from './platform/kv/kv.ts'
import { MemoryKv } from './platform/kv/memory.ts'
import { openMailer } from './platform/mail/mailer.ts'
import { createLogger, type Logger } from './platform/log.ts'
import { type Infrastructure, type RunningService, startService } from './platform/service.ts'
import { type RunningGateway, startGateway } from './services/gateway/index.ts'
import { SERVICES } from './services/index.ts'
import { DEMO_ADMIN } from './services/identity/seed-users.ts'
import { type SeedResult, seedDemoCatalog } from './seed/seed-catalog.ts'

export type ProcessName = ServiceName | 'gateway'
/** What `emporium <name>` can start: the services in this build, and the gateway. */
export const PROCESS_NAMES: readonly ProcessName[] = [...SERVICE_NAMES.filter((n) => SERVICES[n]), 'gateway']

export interface RunningSystem {
  log: Logger
  /** The gateway's URL, when this process runs the gateway. */
  url: string | undefined
  services: Partial<Record<ServiceName, RunningService>>
  gateway: RunningGateway | undefined
  kv: Kv
  /** Embedded mode with SEED_DEMO_DATA: settles when the demo catalog is loaded (or found, or given up). */
  demoCatalog?: Promise<SeedResult | undefined>
  /** Drains requests and consumers, then closes connections. Safe to call twice. */
  stop(): Promise<void>
}

export interface EmbeddedOptions {
  /** An open PGlite to use (tests hand in a clone of a migrated template); default: DATA_DIR. */
  pglite?: PGliteInterface
  log?: Logger
}

function urlsFrom(config: Config): Record<ServiceName, string> {
  return Object.fromEntries(SERVICE_NAMES.map((n) => [n, config.services[n].url])) as Record<ServiceName, string>
}

/** `npm start`: every service in this process on its own loopback port, one PGlite, the in-process bus. */
export async function startEmbedded(config: Config, options: EmbeddedOptions = {}): Promise<RunningSystem> {
  const log = options.log ?? createLogger(config)
  const pglite = options.pglite ?? (await openPglite(config.dataDir))
  const transport = new InProcessTransport(
    { maxAttempts: config.bus.maxAttempts, delaysMs: config.bus.retryDelaysMs },
    log.child({ component: 'bus' }),
    // Messages sent while the services start (identity's start-up admin) wait for consumers that start later.
    { expected: Object.fromEntries(Object.entries(CONSUMERS).filter(([name]) => SERVICES[name as ServiceName])) },
  )
  const kv = new MemoryKv(config.redis.prefix)
  const urls = urlsFrom(config)
  const infra: Infrastructure = { openDb: async () => pgliteServiceDb(pglite), transport, kv, mailer: openMailer(config.mail), urls }
  const system = await startProcesses(config, log, infra, [...PROCESS_NAMES], '127.0.0.1', async () => {
    if (!options.pglite) await pglite.close()
  })
  if (!config.seedDemoData) return system
  // The shop answers at once; the demo catalog fills in behind it, and a stop cuts it short (the next start resumes it).
  const abort = new AbortController()
  const demoCatalog = loadDemoCatalog(config, system, abort.signal)
  const stop = system.stop
  return {
    ...system,
    demoCatalog,
    async stop() {
      abort.abort()
      await demoCatalog
      await stop()
    },
  }
}

/** The first embedded start fills the catalog with the demo shop; later starts find it there. */
async function loadDemoCatalog(config: Config, system: RunningSystem, signal: AbortSignal): Promise<SeedResult | undefined> {
  const { identity, catalog } = system.services
  if (!identity || !catalog) return undefined
  const admin = config.admin ?? { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password }
  try {
    const result = await seedDemoCatalog({ identityUrl: identity.url, catalogUrl: catalog.url, admin, currency: config.currency }, signal)
    if (!result.skipped) {
      system.log.info(result, `Loaded the demo catalog: ${result.categories} categories, ${result.products} products in ${result.ms} ms`)
    }
    return result
  } catch (err) {
    if (signal.aborted) system.log.info('Stopped loading the demo catalog; the next start goes on with it')
    else system.log.error({ err }, 'Loading the demo catalog failed')
    return undefined
  }
}

/** One process per service (or a few): PostgreSQL, RabbitMQ and Redis, ports from the configuration. */
export async function startDistributed(config: Config, names: ProcessName[], options: { log?: Logger } = {}): Promise<RunningSystem> {
  const log = options.log ?? createLogger(config)
  // Loaded only here: the embedded mode never needs the broker's or Redis's client.
  const [{ RabbitTransport }, { RedisKv }] = await Promise.all([import('./platform/bus/rabbitmq.ts'), import('./platform/kv/redis.ts')])
  // A gateway-only process has no database and no bus: it needs Redis and the services' URLs.
  const runsServices = names.some((n) => n !== 'gateway')
  const transport = runsServices
    ? await untilConnected(log, 'RabbitMQ', config.startupWaitSeconds, () =>
        RabbitTransport.connect({
          url: config.amqp.url,
          prefix: config.amqp.prefix,
          policy: { maxAttempts: config.bus.maxAttempts, delaysMs: config.bus.retryDelaysMs },
          log: log.child({ component: 'bus' }),
          topology: CONSUMERS,
        }),
      )
    : undefined
  const kv = new RedisKv(config.redis.url, config.redis.prefix)
  const infra: ProcessInfrastructure = {
    openDb: (service) =>
      untilConnected(log, 'PostgreSQL', config.startupWaitSeconds, () =>
        postgresServiceDb({
          serverUrl: config.database.url,
          database: `${config.database.prefix}_${service}`,
          poolSize: config.database.poolSize,
        }),
      ),
    transport,
    kv,
    mailer: openMailer(config.mail),
    urls: urlsFrom(config),
  }
  return startProcesses(config, log, infra, names, config.host, async () => undefined, true)
}

/**
 * Servers started together (compose, a cluster restart) come up in any order: keep trying for a
 * while before giving up, so a service does not exit just because the broker is a second late.
 */
async function untilConnected<T>(log: Logger, what: string, waitSeconds: number, connect: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + waitSeconds * 1000
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect()
    } catch (err) {
      if (Date.now() >= deadline) throw err
      log.warn({ err, attempt }, `${what} cannot be reached yet; trying again`)
      await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** attempt)))
    }
  }
}

/** What the processes of one run share; the bus only where services run. */
type ProcessInfrastructure = Omit<Infrastructure, 'transport'> & { transport: Transport | undefined }

async function startProcesses(
  config: Config,
  log: Logger,
  infra: ProcessInfrastructure,
  names: ProcessName[],
  serviceHost: string,
  closeStorage: () => Promise<void>,
  fixedPorts = false,
): Promise<RunningSystem> {
  const services: Partial<Record<ServiceName, RunningService>> = {}
  let gateway: RunningGateway | undefined
  let stopped: Promise<void> | undefined

  const stop = () =>
    (stopped ??= (async () => {
      const running = Object.values(services)
      await gateway?.close()
      await Promise.allSettled(running.map((s) => s.closeHttp()))
      if (infra.transport?.kind === 'in-process') {
        // Closing the in-process bus first cuts retry waits short; their messages stay in the outbox for the next start.
        await infra.transport.close()
        await Promise.allSettled(running.map((s) => s.stopWork()))
      } else {
        // Let the relays finish their confirmed publishes, then stop consuming and let handlers in flight finish.
        await Promise.allSettled(running.map((s) => s.stopWork()))
        await infra.transport?.close()
      }
      await Promise.allSettled(running.map((s) => s.closeDb()))
      await infra.kv.close()
      await infra.mailer.close()
      await closeStorage()
    })())

  try {
    for (const name of SERVICE_NAMES) {
      const module = SERVICES[name]
      if (!module || !names.includes(name)) continue
      const port = fixedPorts ? config.services[name].port : 0
      if (!infra.transport) throw new Error(`${name} needs a message transport`)
      const running = await startService(module, { ...infra, transport: infra.transport }, config, log, { host: serviceHost, port })
      services[name] = running
      if (!fixedPorts) infra.urls[name] = running.url
    }
    if (names.includes('gateway')) {
      gateway = await startGateway({ config, log, kv: infra.kv, urls: infra.urls, services: SERVICE_NAMES.filter((n) => SERVICES[n]) })
    }
  } catch (err) {
    await stop().catch(() => undefined)
    throw err
  }
  return { log, url: gateway?.url, services, gateway, kv: infra.kv, stop }
}
