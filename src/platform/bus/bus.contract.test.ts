import { setTimeout as sleep } from 'node:timers/promises'
import type { PGliteInterface } from '@electric-sql/pglite'
import { connect } from 'amqplib'
import { sql } from 'drizzle-orm'
import { pino } from 'pino'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createTestDatabase } from '../../../test/support/postgres.ts'
import { createTestVhost, type TestVhost } from '../../../test/support/rabbitmq.ts'
import { serversAvailable } from '../../../test/support/servers.ts'
import { eventually } from '../../../test/support/eventually.ts'
import { defineMessage, type Envelope } from '../../contracts/message.ts'
import { type Db, openPglite, pgliteServiceDb, postgresServiceDb, queryRows, type ServiceDb } from '../db/db.ts'
import { migrate } from '../db/migrate.ts'
import type { Logger } from '../log.ts'
import { Consumer, on } from './consumer.ts'
import { InProcessTransport } from './in-process.ts'
import { Outbox } from './outbox.ts'
import { RabbitTransport } from './rabbitmq.ts'
import { busMigrations } from './tables.ts'
import type { RetryPolicy } from '../retry.ts'
import { type DeliveryHandler, PoisonMessage, type Transport } from './transport.ts'

const rabbitUp = await serversAvailable('postgres', 'rabbitmq')

const POLICY: RetryPolicy = { maxAttempts: 3, delaysMs: [20, 40] }
const CONSUMER = 'bustest'
const PREFIX = 'emporium'
/** Travels in every payload: no log line at info or above may contain it. */
const PAYLOAD_MARKER = 'payload-marker-7f3a'

const thingHappened = defineMessage(
  'bustest.thing_happened',
  z.object({ key: z.string(), failTimes: z.number().int().min(0), note: z.string() }),
)

// --- observation -----------------------------------------------------------------------------

interface LogLine {
  level: number
  msg?: string
  [field: string]: unknown
}

/** A logger that keeps every line (and prints them when TEST_LOG_LEVEL asks for it). */
function capturingLogger(): { log: Logger; lines: LogLine[]; raw: string[] } {
  const lines: LogLine[] = []
  const raw: string[] = []
  const echo = process.env.TEST_LOG_LEVEL && process.env.TEST_LOG_LEVEL !== 'silent'
  const log = pino(
    { level: 'debug' },
    {
      write(line: string) {
        raw.push(line)
        lines.push(JSON.parse(line) as LogLine)
        if (echo) process.stderr.write(line)
      },
    },
  )
  return { log, lines, raw }
}

interface Delivery {
  id: string
  attempt: number
  ok: boolean
  startedAt: number
  endedAt: number
}

/** Passes everything through and records each delivery to the consumer and how it ended. */
class ObservedTransport implements Transport {
  readonly kind
  readonly deliveries: Delivery[] = []

  constructor(private readonly inner: Transport) {
    this.kind = inner.kind
  }

  publish(envelope: Envelope) {
    return this.inner.publish(envelope)
  }

  subscribe(consumer: string, types: string[], handler: DeliveryHandler) {
    return this.inner.subscribe(consumer, types, {
      handle: async (envelope, attempt) => {
        const startedAt = Date.now()
        const record = (ok: boolean) => this.deliveries.push({ id: envelope.id, attempt, ok, startedAt, endedAt: Date.now() })
        try {
          await handler.handle(envelope, attempt)
          record(true)
        } catch (error) {
          record(false)
          throw error
        }
      },
      deadLetter: (envelope, attempts, error) => handler.deadLetter(envelope, attempts, error),
    })
  }

  redeliver(consumer: string, envelope: Envelope) {
    return this.inner.redeliver(consumer, envelope)
  }

  check() {
    return this.inner.check()
  }

  close() {
    return this.inner.close()
  }

  of(id: string): Delivery[] {
    return this.deliveries.filter((d) => d.id === id)
  }
}

// --- the world: a producing service and a consuming service over one transport ---------------

/** What the consumer's handler does; tests change it while messages flow. */
interface Behaviour {
  /** Keys whose handling always fails, until the handler is "fixed". */
  broken: Set<string>
  delayMs: number
  /** Handler calls per key (the contract check and the inbox come before the handler). */
  calls: Map<string, number>
}

interface World {
  outbox: Outbox
  producerDb: Db
  producerSchema: string
  consumerDb: Db
  consumerSchema: string
  consumer: Consumer
  /** The producing side's transport. */
  transport: Transport
  /** The consuming side's transport, observed. */
  observed: ObservedTransport
  behaviour: Behaviour
  logs: LogLine[]
  rawLogs: string[]
  /**
   * Cuts the link between producer and consumer while messages flow: RabbitMQ closes every
   * connection from the broker side; in-process, the relay stops and starts again as after a restart.
   */
  interrupt(): Promise<void>
  close(): Promise<void>
}

interface Harness {
  name: Transport['kind']
  available: boolean
  build(behaviour: Behaviour): Promise<World>
  setup?(): Promise<void>
  teardown?(): Promise<void>
}

async function migrateServices(producer: Db, producerSchema: string, consumer: Db, consumerSchema: string): Promise<void> {
  await migrate(producer, producerSchema, [
    ...busMigrations(producerSchema),
    { name: '0001_things.sql', sql: `CREATE TABLE ${producerSchema}.things (key text PRIMARY KEY)` },
  ])
  await migrate(consumer, consumerSchema, [
    ...busMigrations(consumerSchema),
    {
      name: '0001_effects.sql',
      sql: `CREATE TABLE ${consumerSchema}.effects (seq bigserial PRIMARY KEY, key text NOT NULL, message_id uuid NOT NULL)`,
    },
  ])
}

function consumerFor(world: { consumerDb: Db; consumerSchema: string; observed: Transport; behaviour: Behaviour }, log: Logger): Consumer {
  const { behaviour } = world
  const effects = sql`${sql.identifier(world.consumerSchema)}.effects`
  return new Consumer(CONSUMER, world.consumerSchema, world.consumerDb, world.observed, log, [
    on(thingHappened, async (msg, tx) => {
      const { key, failTimes } = msg.payload
      const call = (behaviour.calls.get(key) ?? 0) + 1
      behaviour.calls.set(key, call)
      if (behaviour.delayMs > 0) await sleep(behaviour.delayMs)
      if (behaviour.broken.has(key)) throw new Error(`the handler is broken for ${key}`)
      if (call <= failTimes) throw new Error(`planned failure ${call} of ${failTimes}`)
      await tx.execute(sql`INSERT INTO ${effects} (key, message_id) VALUES (${key}, ${msg.id})`)
    }),
  ])
}

/** Runs cleanups in reverse order of registration, all of them, even when one fails. */
class Cleanups {
  private readonly steps: Array<() => Promise<unknown>> = []
  add(step: () => Promise<unknown>): void {
    this.steps.push(step)
  }
  async run(): Promise<void> {
    const errors: unknown[] = []
    for (const step of this.steps.splice(0).reverse()) await step().catch((e: unknown) => errors.push(e))
    if (errors.length > 0) throw new AggregateError(errors, 'cleanup failed')
  }
}

/** Wires the same producer (outbox) and consumer on either transport; the harness says how to interrupt it. */
async function wireWorld(options: {
  producer: ServiceDb
  consumerDb: Db
  transport: Transport
  consumerTransport: Transport
  behaviour: Behaviour
  capture: ReturnType<typeof capturingLogger>
  cleanups: Cleanups
  interrupt(outbox: Outbox): Promise<void>
}): Promise<World> {
  const { producer, transport, behaviour, capture, cleanups } = options
  const observed = new ObservedTransport(options.consumerTransport)
  const parts = { consumerDb: options.consumerDb, consumerSchema: 'bus_consumer', observed, behaviour }
  const consumer = consumerFor(parts, capture.log)
  await consumer.start()
  const outbox = new Outbox(producer.db, producer.afterCommit, 'bus_producer', 'bustest-producer', transport, capture.log)
  outbox.start()
  cleanups.add(() => outbox.stop())
  return {
    ...parts,
    outbox,
    producerDb: producer.db,
    producerSchema: 'bus_producer',
    consumer,
    transport,
    logs: capture.lines,
    rawLogs: capture.raw,
    interrupt: () => options.interrupt(outbox),
    close: () => cleanups.run(),
  }
}

let template: Promise<PGliteInterface> | undefined

const inProcess: Harness = {
  name: 'in-process',
  available: true,
  // One migrated template per file; each test works on a clone of it.
  async setup() {
    template = (async () => {
      const pglite = await openPglite(undefined)
      await migrateServices(pgliteServiceDb(pglite).db, 'bus_producer', pgliteServiceDb(pglite).db, 'bus_consumer')
      return pglite
    })()
    await template
  },
  async teardown() {
    await (await template)?.close()
  },
  async build(behaviour) {
    if (!template) throw new Error('no PGlite template')
    const capture = capturingLogger()
    const cleanups = new Cleanups()
    try {
      const pglite = await (await template).clone()
      cleanups.add(() => pglite.close())
      const transport = new InProcessTransport(POLICY, capture.log)
      cleanups.add(() => transport.close())
      return await wireWorld({
        producer: pgliteServiceDb(pglite),
        consumerDb: pgliteServiceDb(pglite).db,
        transport,
        consumerTransport: transport,
        behaviour,
        capture,
        cleanups,
        async interrupt(outbox) {
          await outbox.stop()
          outbox.start()
        },
      })
    } catch (err) {
      await cleanups.run().catch(() => undefined)
      throw err
    }
  },
}

const rabbitmq: Harness = {
  name: 'rabbitmq',
  available: rabbitUp,
  async build(behaviour) {
    const capture = capturingLogger()
    const cleanups = new Cleanups()
    try {
      // A vhost and a database of its own, made (and later removed) side by side.
      const [madeVhost, madeDatabase] = await Promise.allSettled([createTestVhost('bus'), createTestDatabase('bus')])
      cleanups.add(async () => {
        const removed = await Promise.allSettled([
          madeVhost.status === 'fulfilled' ? madeVhost.value.cleanup() : undefined,
          madeDatabase.status === 'fulfilled' ? madeDatabase.value.drop() : undefined,
        ])
        for (const r of removed) if (r.status === 'rejected') throw r.reason
      })
      if (madeVhost.status === 'rejected') throw madeVhost.reason
      if (madeDatabase.status === 'rejected') throw madeDatabase.reason
      const vhost = madeVhost.value
      const database = madeDatabase.value
      const open = async (poolSize: number): Promise<ServiceDb> => {
        const db = await postgresServiceDb({ serverUrl: database.serverUrl, database: database.name, poolSize })
        cleanups.add(() => db.close())
        return db
      }
      const producer = await open(4)
      const consumerDb = (await open(8)).db
      await migrateServices(producer.db, 'bus_producer', consumerDb, 'bus_consumer')

      // Two transports, as two processes would have: the drop cuts both.
      const connectAs = async (side: string) => {
        const t = await RabbitTransport.connect({ url: vhost.url, prefix: PREFIX, policy: POLICY, log: capture.log.child({ side }) })
        cleanups.add(() => t.close())
        return t
      }
      const reconnections = () => capture.lines.filter((l) => l.msg === 'RabbitMQ reconnected').length
      return await wireWorld({
        producer,
        consumerDb,
        transport: await connectAs('producer'),
        consumerTransport: await connectAs('consumer'),
        behaviour,
        capture,
        cleanups,
        async interrupt() {
          const before = reconnections()
          await vhost.closeConnections()
          await eventually(async () => reconnections() >= before + 2, 15_000, 'both transports to reconnect')
        },
      })
    } catch (err) {
      await cleanups.run().catch(() => undefined)
      throw err
    }
  },
}

// --- helpers over a world ---------------------------------------------------------------------

/** The producer records a thing and the message about it in one committed transaction. */
async function emit(world: World, key: string, failTimes = 0): Promise<Envelope> {
  return world.producerDb.transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO ${sql.identifier(world.producerSchema)}.things (key) VALUES (${key})`)
    return world.outbox.add(tx, thingHappened({ key, failTimes, note: PAYLOAD_MARKER }))
  })
}

async function effectsByKey(world: World): Promise<Map<string, number>> {
  const rows = await queryRows<{ key: string; n: number }>(
    world.consumerDb,
    sql`SELECT key, count(*)::int AS n FROM ${sql.identifier(world.consumerSchema)}.effects GROUP BY key`,
  )
  return new Map(rows.map((r) => [r.key, r.n]))
}

async function effectsOf(world: World, key: string): Promise<number> {
  return (await effectsByKey(world)).get(key) ?? 0
}

async function outboxRows(world: World): Promise<number> {
  const rows = await queryRows<{ n: number }>(world.producerDb, sql`SELECT count(*)::int AS n FROM ${sql.identifier(world.producerSchema)}.outbox`)
  return rows[0]?.n ?? 0
}

function expectNoPayloadInLogs(world: World): void {
  const leaks = world.rawLogs.filter((line) => line.includes(PAYLOAD_MARKER) && (JSON.parse(line) as LogLine).level >= 30)
  expect(leaks).toEqual([])
}

// --- the contract -----------------------------------------------------------------------------

describe.each([inProcess, rabbitmq])('bus contract: $name', (harness) => {
  let world: World
  let behaviour: Behaviour

  beforeAll(async () => {
    if (harness.available) await harness.setup?.()
  })
  afterAll(async () => {
    if (harness.available) await harness.teardown?.()
  })
  beforeEach(async () => {
    if (!harness.available) return
    behaviour = { broken: new Set(), delayMs: 0, calls: new Map() }
    world = await harness.build(behaviour)
  })
  afterEach(async () => {
    if (!harness.available) return
    expectNoPayloadInLogs(world)
    await world.close()
  })

  it.skipIf(!harness.available)('when the consumer throws twice, then the committed message takes effect once, on the third attempt', async () => {
    const envelope = await emit(world, 'k-twice', 2)

    await eventually(async () => (await effectsOf(world, 'k-twice')) > 0, 10_000, 'the effect')
    await eventually(async () => (await world.outbox.pendingCount()) === 0, 10_000, 'the outbox to empty')
    expect(await effectsOf(world, 'k-twice')).toBe(1)
    const tries = world.observed.of(envelope.id)
    expect(tries.map((d) => [d.attempt, d.ok])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ])
    // The retries waited for the policy's delays (20 ms, then 40 ms).
    expect(tries[1]!.startedAt - tries[0]!.endedAt).toBeGreaterThanOrEqual(20 - 5)
    expect(tries[2]!.startedAt - tries[1]!.endedAt).toBeGreaterThanOrEqual(40 - 5)
    expect(await world.consumer.listDeadLetters()).toEqual([])
  })

  it.skipIf(!harness.available)('when the link drops while messages flow, then each takes effect exactly once and the outbox empties', async () => {
    const total = 80
    behaviour.delayMs = 5
    // Some messages fail once or twice first, so retries are in flight when the link drops.
    const failTimes = (i: number) => (i % 10 === 3 ? 2 : i % 10 === 7 ? 1 : 0)
    let written = 0
    const writer = (async () => {
      for (let i = 0; i < total; i++) {
        await emit(world, `flow-${i}`, failTimes(i))
        written = i + 1
        await sleep(10)
      }
    })()

    await eventually(async () => (await effectsByKey(world)).size >= 5, 10_000, 'the first effects')
    const writtenAtDrop = written
    await world.interrupt()
    await writer
    expect(writtenAtDrop).toBeLessThan(total) // the link dropped mid-stream

    await eventually(async () => (await effectsByKey(world)).size === total, 30_000, `all ${total} effects`)
    await eventually(async () => (await world.outbox.pendingCount()) === 0, 30_000, 'the outbox to empty')
    const effects = await effectsByKey(world)
    expect([...effects.values()].every((n) => n === 1)).toBe(true)
    expect(effects.size).toBe(total)
    expect(await world.consumer.listDeadLetters()).toEqual([])
    await expect(world.transport.check()).resolves.toBeUndefined()
    await expect(world.observed.check()).resolves.toBeUndefined()
  })

  it.skipIf(!harness.available)('when the transaction rolls back, then its message is never delivered', async () => {
    await expect(
      world.producerDb.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO ${sql.identifier(world.producerSchema)}.things (key) VALUES ('k-rolled-back')`)
        await world.outbox.add(tx, thingHappened({ key: 'k-rolled-back', failTimes: 0, note: PAYLOAD_MARKER }))
        throw new Error('the use case changed its mind')
      }),
    ).rejects.toThrow('changed its mind')
    // A message committed after it is delivered: had the first one existed, it would have been relayed too.
    await emit(world, 'k-after')

    await eventually(async () => (await effectsOf(world, 'k-after')) === 1, 10_000, 'the later message')
    await eventually(async () => (await world.outbox.pendingCount()) === 0, 10_000, 'the outbox to empty')
    expect(await outboxRows(world)).toBe(1)
    expect(behaviour.calls.has('k-rolled-back')).toBe(false)
    expect(await effectsOf(world, 'k-rolled-back')).toBe(0)
    expect(world.observed.deliveries).toHaveLength(1)
  })

  it.skipIf(!harness.available)('when the handler always fails, then the message is dead-lettered after maxAttempts and a replay after the fix takes effect once', async () => {
    behaviour.broken.add('k-poison')
    const envelope = await emit(world, 'k-poison')

    const [letter] = await eventually(async () => {
      const letters = await world.consumer.listDeadLetters()
      return letters.length > 0 && letters
    }, 10_000, 'the dead letter')
    expect(letter).toMatchObject({ messageId: envelope.id, type: thingHappened.type, attempts: POLICY.maxAttempts, replayedAt: null })
    expect(letter!.error).toContain('the handler is broken for k-poison')
    expect(letter!.envelope).toEqual(envelope)
    expect(world.observed.of(envelope.id).map((d) => [d.attempt, d.ok])).toEqual([
      [1, false],
      [2, false],
      [3, false],
    ])
    expect(await effectsOf(world, 'k-poison')).toBe(0)

    behaviour.broken.delete('k-poison') // the fix is deployed
    await world.consumer.replay(letter!.id)
    await eventually(async () => (await effectsOf(world, 'k-poison')) === 1, 10_000, 'the replayed effect')
    expect(await world.consumer.listDeadLetters()).toEqual([])
    const [replayed] = await world.consumer.listDeadLetters({ includeReplayed: true })
    expect(replayed!.replayedAt).not.toBeNull()

    // Replaying again is harmless: the inbox already has the message.
    await world.consumer.replay(letter!.id)
    await eventually(async () => world.observed.of(envelope.id).filter((d) => d.ok).length === 2, 10_000, 'the second replay')
    expect(await effectsOf(world, 'k-poison')).toBe(1)
  })

  it.skipIf(!harness.available)('when the payload breaks the contract, then the message is dead-lettered at once, without retries', async () => {
    const envelope = await world.producerDb.transaction((tx) =>
      world.outbox.add(tx, { type: thingHappened.type, payload: { key: 42, note: PAYLOAD_MARKER } }),
    )

    const [letter] = await eventually(async () => {
      const letters = await world.consumer.listDeadLetters()
      return letters.length > 0 && letters
    }, 10_000, 'the dead letter')
    expect(letter).toMatchObject({ messageId: envelope.id, attempts: 1 })
    expect(letter!.error).toMatch(/^PoisonMessage: payload of bustest\.thing_happened breaks its contract/)
    expect(world.observed.of(envelope.id).map((d) => [d.attempt, d.ok])).toEqual([[1, false]])
    expect(behaviour.calls.size).toBe(0)
  })

  it.skipIf(!harness.available)('when the same envelope is delivered again, then the second delivery changes nothing', async () => {
    const envelope = await emit(world, 'k-dup')
    await eventually(async () => (await effectsOf(world, 'k-dup')) === 1, 10_000, 'the first effect')

    await world.transport.publish(envelope) // the relay sent it twice (it crashed before marking it sent)
    await world.observed.redeliver(CONSUMER, envelope) // an admin replayed it
    await eventually(async () => world.observed.of(envelope.id).filter((d) => d.ok).length === 3, 10_000, 'the duplicates')

    expect(await effectsOf(world, 'k-dup')).toBe(1)
    expect(behaviour.calls.get('k-dup')).toBe(1)
  })

  it.skipIf(!harness.available)('when redelivering to a consumer that does not exist, then redeliver rejects', async () => {
    const envelope = await emit(world, 'k-nobody')
    await expect(world.transport.redeliver('nobody-consumes-this', envelope)).rejects.toThrow()
  })

  it.skipIf(!harness.available)('when closed, then check throws and publish rejects', async () => {
    const envelope = await emit(world, 'k-closing')
    await eventually(async () => (await effectsOf(world, 'k-closing')) === 1, 10_000, 'the effect')
    await world.outbox.stop()
    await world.transport.close()
    await world.observed.close()
    await expect(world.transport.check()).rejects.toThrow()
    await expect(world.transport.publish(envelope)).rejects.toThrow()
  })
})

// --- RabbitMQ specifics -------------------------------------------------------------------------

function envelopeOf(type: string, payload: unknown): Envelope {
  const id = uuidv7()
  return { id, type, occurredAt: new Date().toISOString(), source: 'bustest', correlationId: id, causationId: null, traceparent: null, payload }
}

/** A DeliveryHandler that records what it is given; tests swap its behaviour. */
function recordingHandler(options: { handle?: (e: Envelope) => Promise<void>; deadLetter?: (e: Envelope, attempts: number) => Promise<void> } = {}) {
  const handled: Array<{ envelope: Envelope; attempt: number }> = []
  const dead: Array<{ envelope: Envelope; attempts: number }> = []
  const handler: DeliveryHandler = {
    async handle(envelope, attempt) {
      handled.push({ envelope, attempt })
      await options.handle?.(envelope)
    },
    async deadLetter(envelope, attempts) {
      await options.deadLetter?.(envelope, attempts)
      dead.push({ envelope, attempts })
    },
  }
  return { handler, handled, dead }
}

describe.skipIf(!rabbitUp)('RabbitTransport', () => {
  let vhost: TestVhost
  let transports: RabbitTransport[]
  let capture: ReturnType<typeof capturingLogger>

  const open = async () => {
    const t = await RabbitTransport.connect({ url: vhost.url, prefix: PREFIX, policy: POLICY, log: capture.log })
    transports.push(t)
    return t
  }

  beforeEach(async () => {
    vhost = await createTestVhost('rabbit')
    transports = []
    capture = capturingLogger()
  })
  afterEach(async () => {
    await Promise.allSettled(transports.map((t) => t.close()))
    await vhost.cleanup()
  })

  it('declares the topology of DESIGN.md: quorum queue with DLX and delivery limit, dead-letter queue, one retry queue per delay', async () => {
    const transport = await open()
    await transport.subscribe(CONSUMER, [thingHappened.type], recordingHandler().handler)
    const queues = new Map((await vhost.listQueues()).map((q) => [q.name, q]))

    const main = queues.get(`${PREFIX}.${CONSUMER}`)
    expect(main?.type).toBe('quorum')
    expect(main?.arguments).toMatchObject({ 'x-dead-letter-exchange': `${PREFIX}.dlx`, 'x-delivery-limit': expect.any(Number) })
    expect(queues.get(`${PREFIX}.${CONSUMER}.dead`)?.type).toBe('quorum')
    for (const delay of POLICY.delaysMs) {
      expect(queues.get(`${PREFIX}.${CONSUMER}.retry.${delay}`)?.arguments).toMatchObject({
        'x-message-ttl': delay,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': `${PREFIX}.${CONSUMER}`,
      })
    }
    expect(queues.get(`${PREFIX}.${CONSUMER}.unreadable`)?.type).toBe('quorum')
    expect(queues.size).toBe(3 + POLICY.delaysMs.length)
  })

  it('when a message is published before its consumer ever started, then it waits in the queue the routing table declared', async () => {
    const publisher = await RabbitTransport.connect({
      url: vhost.url,
      prefix: PREFIX,
      policy: POLICY,
      log: capture.log,
      topology: { [CONSUMER]: [thingHappened.type] },
    })
    transports.push(publisher)
    const early = envelopeOf(thingHappened.type, { key: 'early', failTimes: 0 })
    await publisher.publish(early)

    const consumer = await open()
    const { handler, handled } = recordingHandler()
    await consumer.subscribe(CONSUMER, [thingHappened.type], handler)
    await eventually(async () => handled.length === 1, 5000, 'the early message')
    expect(handled[0]?.envelope.id).toBe(early.id)
  })

  it('when a body is not a message envelope, then it is kept aside, unchanged, without reaching the handler', async () => {
    const transport = await open()
    const { handler, handled } = recordingHandler()
    await transport.subscribe(CONSUMER, [thingHappened.type], handler)

    const raw = await connect(vhost.url)
    try {
      const channel = await raw.createConfirmChannel()
      channel.publish(PREFIX, thingHappened.type, Buffer.from('not json at all'), { persistent: true })
      channel.publish(PREFIX, thingHappened.type, Buffer.from(JSON.stringify({ hello: 'world' })), { persistent: true })
      await channel.waitForConfirms()
      const dead: string[] = []
      await eventually(async () => {
        const msg = await channel.get(`${PREFIX}.${CONSUMER}.unreadable`, { noAck: true })
        if (msg) dead.push(msg.content.toString())
        return dead.length === 2
      }, 10_000, 'two messages set aside')
      expect(dead.sort()).toEqual(['not json at all', '{"hello":"world"}'])
    } finally {
      await raw.close()
    }
    expect(handled).toEqual([])
  })

  it('when the broker dead-letters a message itself (over the delivery limit), then it joins the stored dead letters', async () => {
    const transport = await open()
    const { handler, handled, dead } = recordingHandler()
    await transport.subscribe(CONSUMER, [thingHappened.type], handler)
    const envelope = envelopeOf(thingHappened.type, { key: 'crashed-every-time', failTimes: 0 })

    const raw = await connect(vhost.url)
    try {
      const channel = await raw.createConfirmChannel()
      // What the broker's dead-lettering leaves: the body unchanged, x-first-death-reason set.
      channel.sendToQueue(`${PREFIX}.${CONSUMER}.dead`, Buffer.from(JSON.stringify(envelope)), {
        persistent: true,
        headers: { 'x-first-death-reason': 'delivery_limit', 'x-delivery-count': 20 },
      })
      await channel.waitForConfirms()
    } finally {
      await raw.close()
    }
    await eventually(async () => dead.length === 1, 10_000, 'the dead letter stored')
    expect(dead[0]).toMatchObject({ envelope: { id: envelope.id }, attempts: 20 })
    expect(handled).toEqual([])
  })

  it('when storing the dead letter fails, then the message is handed back and stored on a later delivery, never dropped', async () => {
    const transport = await open()
    let failures = 1
    const { handler, dead } = recordingHandler({
      handle: async () => {
        throw new PoisonMessage('cannot ever work')
      },
      deadLetter: async () => {
        if (failures-- > 0) throw new Error('the database is down')
      },
    })
    await transport.subscribe(CONSUMER, [thingHappened.type], handler)
    const envelope = envelopeOf(thingHappened.type, { key: 'k' })
    await transport.publish(envelope)

    await eventually(async () => dead.length === 1, 10_000, 'the dead letter to be stored')
    expect(dead[0]).toMatchObject({ envelope, attempts: 1 })
    expect(capture.lines.some((l) => l.msg === 'could not store the dead letter; handing the message back')).toBe(true)
  })

  it('when the broker loses everything, then publish fails fast meanwhile, and reconnection declares the topology and subscribes again', async () => {
    const transport = await open()
    const { handler, handled } = recordingHandler()
    await transport.subscribe(CONSUMER, [thingHappened.type], handler)

    await vhost.drop()
    await eventually(async () => transport.check().then(() => false, () => true), 10_000, 'the transport to notice')
    const started = Date.now()
    await expect(transport.publish(envelopeOf(thingHappened.type, {}))).rejects.toThrow(/not connected/)
    expect(Date.now() - started).toBeLessThan(100)

    await vhost.restore()
    await eventually(async () => transport.check().then(() => true, () => false), 20_000, 'the transport to reconnect')
    const envelope = envelopeOf(thingHappened.type, { key: 'after' })
    await transport.publish(envelope)
    await eventually(async () => handled.some((h) => h.envelope.id === envelope.id), 10_000, 'the delivery after reconnection')
  })

  it('when closed, then it lets the handler in flight finish and ack, and does not reconnect', async () => {
    const transport = await open()
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const { handler, handled } = recordingHandler({ handle: (e) => ((e.payload as { slow?: boolean }).slow ? gate : Promise.resolve()) })
    await transport.subscribe(CONSUMER, [thingHappened.type], handler)
    const slow = envelopeOf(thingHappened.type, { slow: true })
    await transport.publish(slow)
    await eventually(async () => handled.length === 1, 10_000, 'the slow handler to start')

    let closed = false
    const closing = transport.close().then(() => (closed = true))
    await sleep(100) // nothing to poll: close must still be waiting
    expect(closed).toBe(false)
    release()
    await closing
    await expect(transport.check()).rejects.toThrow(/closed/)
    expect(capture.lines.some((l) => l.msg === 'RabbitMQ connection lost; reconnecting')).toBe(false)

    // The slow message was acked: a new subscriber gets only what is published now.
    const next = await open()
    const after = recordingHandler()
    await next.subscribe(CONSUMER, [thingHappened.type], after.handler)
    const marker = envelopeOf(thingHappened.type, { marker: true })
    await next.publish(marker)
    await eventually(async () => after.handled.some((h) => h.envelope.id === marker.id), 10_000, 'the marker')
    expect(after.handled.map((h) => h.envelope.id)).toEqual([marker.id])
  })
})
