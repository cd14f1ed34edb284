import type { JWTVerifyGetKey } from 'jose'
import { DeadLetterDto } from '../contracts/operations.ts'
import { CONSUMERS } from '../contracts/routing.ts'
import { z } from 'zod'
import { type AuthUser, createTokenVerifier, remoteJwks, requireAdmin, type TokenVerifier } from './auth.ts'
import type { Config, ServiceName } from './config.ts'
import type { Db, ServiceDb } from './db/db.ts'
import { type Migration, migrate } from './db/migrate.ts'
import { Consumer, type Subscription } from './bus/consumer.ts'
import { Outbox } from './bus/outbox.ts'
import { startBusRetention } from './bus/retention.ts'
import { busMigrations } from './bus/tables.ts'
import { idempotencyMigration, registerIdempotency } from './idempotency.ts'
import type { Transport } from './bus/transport.ts'
import { type App, closeGracefully, createHttpApp } from './http.ts'
import { ServiceMetrics } from './metrics.ts'
import type { Kv } from './kv/kv.ts'
import type { Mailer } from './mail/mailer.ts'
import { cachingVerifier } from './token-cache.ts'
import type { Logger } from './log.ts'

/** What a service is handed at start. Nothing in it says which run mode it is in. */
export interface ServiceContext {
  name: ServiceName
  config: Config
  log: Logger
  db: Db
  /** Runs an effect once the transaction under way commits (at once outside one): work queues hand over their rows here. */
  afterCommit(effect: () => void): void
  outbox: Outbox
  kv: Kv
  /** Where rendered messages go: SMTP, or nowhere when the stored message is the delivery. */
  mailer: Mailer
  tokens: TokenVerifier
  /** Base URLs of the other services, for HTTP queries (never inside a transaction). */
  urls: Readonly<Record<ServiceName, string>>
  /** The service's metrics, served at its /metrics. */
  metrics: ServiceMetrics
}

export interface ServiceModule {
  name: ServiceName
  /** The schema its tables live in, in its own database. */
  schema: string
  docs: { title: string; description: string }
  migrations(): Promise<Migration[]>
  /** The messages it consumes. */
  subscriptions?(ctx: ServiceContext): Subscription[]
  routes(app: App, ctx: ServiceContext): void | Promise<void>
  /** Seeding and background jobs; the function it returns stops them. */
  start?(ctx: ServiceContext): Promise<(() => Promise<void>) | void>
  /** Where its tokens' keys come from; by default identity's published JWKS. */
  tokenKeys?(ctx: Omit<ServiceContext, 'tokens'>): JWTVerifyGetKey
}

/** What the launcher provides: one implementation per run mode. */
export interface Infrastructure {
  openDb(service: ServiceName): Promise<ServiceDb>
  transport: Transport
  kv: Kv
  mailer: Mailer
  urls: Record<ServiceName, string>
}

export interface RunningService {
  name: ServiceName
  app: App
  ctx: ServiceContext
  consumer: Consumer
  url: string
  /** Stops taking requests, letting those in flight finish. */
  closeHttp(): Promise<void>
  /** Stops background jobs and the outbox relay. */
  stopWork(): Promise<void>
  closeDb(): Promise<void>
}

/** The tables the platform keeps in every service's schema, before the service's own. */
export function platformMigrations(schema: string): Migration[] {
  return [...busMigrations(schema), idempotencyMigration(schema)]
}

/** Migrates, wires and (optionally) listens: the same steps in every run mode. */
export async function startService(
  module: ServiceModule,
  infra: Infrastructure,
  config: Config,
  rootLog: Logger,
  listen?: { host: string; port: number },
): Promise<RunningService> {
  const log = rootLog.child({ service: module.name })
  const serviceDb = await infra.openDb(module.name)
  await migrate(serviceDb.db, module.schema, [...platformMigrations(module.schema), ...(await module.migrations())])

  const metrics = new ServiceMetrics(module.name)
  const outbox = new Outbox(serviceDb.db, serviceDb.afterCommit, module.schema, module.name, infra.transport, log, undefined, metrics)
  const base = {
    name: module.name,
    config,
    log,
    db: serviceDb.db,
    afterCommit: serviceDb.afterCommit,
    outbox,
    kv: infra.kv,
    mailer: infra.mailer,
    urls: infra.urls,
    metrics,
  }
  const keys =
    module.tokenKeys?.(base) ?? remoteJwks(`${infra.urls.identity}/.well-known/jwks.json`, config.auth.jwksCacheSeconds)
  const ctx: ServiceContext = { ...base, tokens: cachingVerifier(createTokenVerifier(keys, config.auth.issuer)) }

  const consumer = new Consumer(module.name, module.schema, serviceDb.db, infra.transport, log, module.subscriptions?.(ctx) ?? [])

  const app = await createHttpApp({
    service: module.name,
    log,
    bodyLimitBytes: config.bodyLimitBytes,
    // Services sit behind the gateway on loopback or a private network; only such a peer may say who the client is.
    trustProxy: 'loopback,linklocal,uniquelocal',
    readiness: {
      db: () => serviceDb.ping(),
      broker: () => infra.transport.check(),
      kv: () => infra.kv.ping(),
    },
    docs: module.docs,
    metrics,
  })
  app.decorate('tokens', ctx.tokens)
  registerIdempotency(app, serviceDb.db, module.schema, serviceDb.afterCommit)
  if (consumer.types.length > 0) registerDeadLetterRoutes(app, consumer)
  await module.routes(app, ctx)
  await app.ready()

  outbox.start()
  const stopJobs = (await module.start?.(ctx)) ?? undefined
  await consumer.start(CONSUMERS[module.name] ?? [])
  const stopRetention = startBusRetention(serviceDb.db, module.schema, log)

  let url = `http://127.0.0.1:${listen?.port ?? 0}`
  if (listen) {
    const address = await app.listen({ host: listen.host, port: listen.port })
    const port = new URL(address).port
    url = `http://127.0.0.1:${port}`
    log.info({ url: address }, `${module.name} listening`)
  }
  return {
    name: module.name,
    app,
    ctx,
    consumer,
    url,
    closeHttp: () => closeGracefully(app),
    async stopWork() {
      await stopJobs?.()
      await stopRetention()
      await outbox.stop()
    },
    closeDb: () => serviceDb.close(),
  }
}


/** Every consuming service answers for its own dead letters; the gateway merges them. */
function registerDeadLetterRoutes(app: App, consumer: Consumer): void {
  const security = [{ bearerAuth: [] }]
  app.get(
    '/api/admin/dead-letters',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['operations'],
        security,
        querystring: z.object({ includeReplayed: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ items: z.array(DeadLetterDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) },
      },
    },
    async (req) => {
      const items = await consumer.listDeadLetters({ includeReplayed: req.query.includeReplayed === 'true' })
      return { items, total: items.length, page: 1, pageSize: 100 }
    },
  )
  app.post(
    '/api/admin/dead-letters/:id/replay',
    {
      preHandler: requireAdmin,
      schema: { tags: ['operations'], security, params: z.object({ id: z.uuid() }), response: { 200: DeadLetterDto } },
    },
    async (req) => consumer.replay(req.params.id),
  )
}

export type { AuthUser }
