import { sql } from 'drizzle-orm'
import pg from 'pg'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InProcessTransport } from '../../platform/bus/in-process.ts'
import type { ServiceName } from '../../platform/config.ts'
import { postgresServiceDb } from '../../platform/db/db.ts'
import { MemoryKv } from '../../platform/kv/memory.ts'
import { createLogger } from '../../platform/log.ts'
import { openMailer } from '../../platform/mail/mailer.ts'
import { type RunningService, startService } from '../../platform/service.ts'
import { testConfig } from '../../../test/support/config.ts'
import { eventually } from '../../../test/support/eventually.ts'
import { expectMigrationMatchesDrizzle, type OnPostgres, startOnPostgres } from '../../../test/support/on-postgres.ts'
import { serversAvailable } from '../../../test/support/servers.ts'
import { type SmtpSink, startSmtpSink } from '../../../test/support/smtp-sink.ts'
import { notification } from './index.ts'
import { type NotificationDeps, notificationDeps } from './notification.deps.ts'
import * as tables from './notification.tables.ts'

const available = await serversAvailable('postgres')

const MAIL_ENV = { MAIL_RETRY_DELAYS_MS: '50', MAIL_MAX_ATTEMPTS: '3' }

/**
 * A second notification process on the same database, as a replica runs: its own pool, bus,
 * mailer and delivery worker.
 */
async function startReplica(databaseName: string, serverUrl: string, env: Record<string, string>): Promise<{ running: RunningService; stop(): Promise<void> }> {
  const config = testConfig(env, 'distributed')
  const log = createLogger(config)
  const transport = new InProcessTransport({ maxAttempts: 3, delaysMs: [20] }, log)
  const kv = new MemoryKv()
  const mailer = openMailer(config.mail)
  const urls = Object.fromEntries(Object.entries(config.services).map(([n, s]) => [n, s.url])) as Record<ServiceName, string>
  const openDb = () => postgresServiceDb({ serverUrl, database: databaseName, poolSize: 10 })
  const running = await startService(notification, { openDb, transport, kv, mailer, urls }, config, log)
  return {
    running,
    async stop() {
      await running.closeHttp()
      await transport.close()
      await running.stopWork()
      await running.closeDb()
      await kv.close()
      await mailer.close()
    },
  }
}

/**
 * Notification on a real PostgreSQL, where two replicas' delivery workers truly run at once:
 * its migrations match the Drizzle tables, and each message reaches the mail server once.
 */
describe.skipIf(!available)('notification on PostgreSQL', () => {
  let sink: SmtpSink
  let first: OnPostgres
  let second: Awaited<ReturnType<typeof startReplica>>
  let pool: pg.Pool
  let a: NotificationDeps
  let b: NotificationDeps

  beforeAll(async () => {
    sink = await startSmtpSink()
    const env = { ...MAIL_ENV, SMTP_URL: sink.url }
    first = await startOnPostgres(notification, { env, poolSize: 10 })
    second = await startReplica(first.database.name, first.database.serverUrl, env)
    pool = new pg.Pool({ connectionString: first.database.url, max: 4 })
    a = notificationDeps(first.running.ctx)
    b = notificationDeps(second.running.ctx)
  })

  afterAll(async () => {
    await pool?.end()
    await second?.stop()
    await first?.stop()
    await sink?.close()
  })

  async function statusOf(recipients: string[]): Promise<Array<{ status: string; attempts: number }>> {
    const { rows } = await pool.query<{ status: string; attempts: number }>(
      'SELECT status, attempts FROM notification.notifications WHERE recipient = ANY($1::text[])',
      [recipients],
    )
    return rows
  }

  /** Messages waiting for any worker (as after an admin's retry), or held by a worker for `heldSeconds` (as by one that died). */
  async function waiting(recipients: string[], heldSeconds?: number): Promise<void> {
    const sourceMessageId = uuidv7()
    for (const recipient of recipients) {
      await a.db.execute(sql`
        INSERT INTO notification.notifications (id, recipient, template, subject, body, status, source_message_id, due_at, claimed_until, attempts)
        VALUES (${uuidv7()}, ${recipient}, 'low_stock', ${`Low stock for ${recipient}`}, 'Restock soon.', 'pending', ${sourceMessageId}, now(),
                ${heldSeconds === undefined ? null : sql`now() + make_interval(secs => ${heldSeconds})`}, ${heldSeconds === undefined ? 0 : 1})`)
    }
  }

  it('when the migrations have run, then every table, column, index and constraint matches the Drizzle definitions', async () => {
    await expectMigrationMatchesDrizzle(first.database.url, 'notification', [tables.notifications, tables.admins, tables.orderNumbers])
  })

  it('when two replicas deliver 30 messages at once, then the mail server gets each exactly once', async () => {
    const recipients = Array.from({ length: 30 }, (_, i) => `bulk.${i}.${uuidv7()}@example.com`)
    await waiting(recipients)

    // Both workers claim at once, again and again, until every message is sent.
    await eventually(
      async () => {
        a.deliveries.wake()
        b.deliveries.wake()
        return (await statusOf(recipients)).every((r) => r.status === 'sent')
      },
      10_000,
      'every message sent',
    )

    const rows = await statusOf(recipients)
    expect(rows).toHaveLength(30)
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true)
    const received = sink.received.filter((m) => m.to.some((to) => recipients.includes(to)))
    expect(received).toHaveLength(30)
    expect(new Set(received.map((m) => m.to[0])).size).toBe(30)
  })

  it('when a replica claimed a message and died before sending it, then another sends it once the lease has run out', async () => {
    const recipient = `orphan.${uuidv7()}@example.com`
    // Stored held for a second, as by a replica that died right after it took the message.
    await waiting([recipient], 1)
    expect(await b.deliveries.claim(10, 60_000)).toEqual([])
    expect(await statusOf([recipient])).toEqual([{ status: 'pending', attempts: 1 }])

    // The live replica's next claim (it makes one every lease period; here, at once) takes it over.
    await eventually(
      async () => {
        b.deliveries.wake()
        return (await statusOf([recipient]))[0]?.status === 'sent'
      },
      10_000,
      'the orphaned message sent by a live replica',
    )
    expect(sink.received.filter((m) => m.to.includes(recipient))).toHaveLength(1)
  })
})
