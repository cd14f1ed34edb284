import pg from 'pg'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MessageType, PayloadOf } from '../../contracts/messages.ts'
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
import { createPaymentMethod } from './create-payment-method.ts'
import { createPaymentModule } from './index.ts'
import { paymentDeps } from './payment.deps.ts'
import { refundPayment } from './refund-payment.ts'
import * as tables from './payment.tables.ts'
import { CARDS, countingProvider, envelope, FAST, usd } from './payment.test-kit.ts'
import * as simulatorTables from './simulator.tables.ts'

const available = await serversAvailable('postgres')

/**
 * Payment on a real PostgreSQL, where transactions truly run at once: the migration matches the
 * Drizzle tables, and two service instances sharing one database (two workers competing for the
 * same queue) charge every order exactly once.
 */
describe.skipIf(!available)('payment on PostgreSQL', () => {
  let pgside: OnPostgres
  let second: RunningService
  let secondTransport: InProcessTransport
  let pool: pg.Pool
  const counterA = countingProvider()
  const counterB = countingProvider()

  beforeAll(async () => {
    pgside = await startOnPostgres(createPaymentModule({ ...FAST, wrapProvider: counterA.wrap }), { poolSize: 10 })
    const config = testConfig({}, 'distributed')
    const log = createLogger(config)
    secondTransport = new InProcessTransport({ maxAttempts: 3, delaysMs: [20] }, log)
    const urls = Object.fromEntries(Object.entries(config.services).map(([n, s]) => [n, s.url])) as Record<ServiceName, string>
    const { database } = pgside
    second = await startService(
      createPaymentModule({ ...FAST, wrapProvider: counterB.wrap }),
      {
        openDb: () => postgresServiceDb({ serverUrl: database.serverUrl, database: database.name, poolSize: 10 }),
        transport: secondTransport,
        kv: new MemoryKv(),
        mailer: openMailer(config.mail),
        urls,
      },
      config,
      log,
    )
    pool = new pg.Pool({ connectionString: database.url, max: 4 })
  })

  afterAll(async () => {
    await pool?.end()
    if (second) {
      await second.closeHttp()
      await secondTransport.close()
      await second.stopWork()
      await second.closeDb()
    }
    await pgside?.stop()
  })

  const handle = <T extends MessageType>(running: RunningService, type: T, payload: PayloadOf<T>) => running.consumer.handle(envelope(type, payload))

  async function count(sql: string, params: unknown[]): Promise<number> {
    const { rows } = await pool.query<{ n: number }>(sql, params)
    return rows[0]?.n ?? 0
  }

  it('when the migration has run, then every table, column, index and constraint matches the Drizzle definitions', async () => {
    await expectMigrationMatchesDrizzle(pgside.database.url, 'payment', [
      tables.paymentMethods,
      tables.payments,
      tables.refunds,
      tables.paymentActions,
      tables.paymentEvents,
      tables.webhookEvents,
      simulatorTables.simulatorPaymentMethods,
      simulatorTables.simulatorCharges,
      simulatorTables.simulatorRefunds,
      simulatorTables.simulatorRequests,
      simulatorTables.simulatorWebhooks,
    ])
  })

  it('when two instances on one database take 50 authorizations and their captures at once, then each order is charged and captured exactly once', async () => {
    const customerId = uuidv7()
    const user = { id: customerId, role: 'customer' as const, email: 'many@example.com', sessionId: uuidv7() }
    const card = { cardNumber: CARDS.ok, expMonth: 12, expYear: new Date().getUTCFullYear() + 1, cvc: '123' }
    const method = await createPaymentMethod(paymentDeps(pgside.running.ctx), user, card)
    const orderIds = Array.from({ length: 50 }, () => uuidv7())
    const instances = [pgside.running, second]

    await Promise.all(
      orderIds.map((orderId, i) =>
        handle(instances[i % 2] as RunningService, 'payment.authorize', { orderId, customerId, email: user.email, amount: usd(1000 + i), paymentMethodId: method.id }),
      ),
    )
    // A duplicate of every command, to the other instance.
    await Promise.all(
      orderIds.map((orderId, i) =>
        handle(instances[(i + 1) % 2] as RunningService, 'payment.authorize', { orderId, customerId, email: user.email, amount: usd(1000 + i), paymentMethodId: method.id }),
      ),
    )
    await eventually(async () => (await count(`SELECT count(*)::int AS n FROM payment.payments WHERE status = 'authorized' AND order_id = ANY($1::uuid[])`, [orderIds])) === 50, 20_000, '50 authorizations')
    await Promise.all(orderIds.map((orderId, i) => handle(instances[i % 2] as RunningService, 'payment.capture', { orderId })))
    await eventually(async () => (await count(`SELECT count(*)::int AS n FROM payment.payments WHERE status = 'captured' AND order_id = ANY($1::uuid[])`, [orderIds])) === 50, 20_000, '50 captures')

    expect((counterA.calls.authorize ?? 0) + (counterB.calls.authorize ?? 0)).toBe(50)
    expect((counterA.calls.capture ?? 0) + (counterB.calls.capture ?? 0)).toBe(50)
    expect(counterA.calls.authorize ?? 0).toBeGreaterThan(0)
    expect(counterB.calls.authorize ?? 0).toBeGreaterThan(0)
    const { rows } = await pool.query<{ order_id: string; charges: number; captured: number }>(
      `SELECT metadata->>'orderId' AS order_id, count(*)::int AS charges, sum(captured_minor)::int AS captured
         FROM payment.simulator_charges WHERE metadata->>'orderId' = ANY($1::text[]) GROUP BY 1`,
      [orderIds],
    )
    expect(rows).toHaveLength(50)
    expect(rows.every((r) => r.charges === 1)).toBe(true)
    expect(rows.reduce((sum, r) => sum + r.captured, 0)).toBe(orderIds.reduce((sum, _o, i) => sum + 1000 + i, 0))
    expect(await count(`SELECT count(*)::int AS n FROM payment.outbox WHERE type = 'payment.authorized' AND envelope->'payload'->>'orderId' = ANY($1::text[])`, [orderIds])).toBe(50)
    expect(await count(`SELECT count(*)::int AS n FROM payment.outbox WHERE type = 'payment.captured' AND envelope->'payload'->>'orderId' = ANY($1::text[])`, [orderIds])).toBe(50)
  })

  it('when five admin refunds of 300 race on a payment of 1000, then three are made and two refused, never refunding more than was captured', async () => {
    const customerId = uuidv7()
    const user = { id: customerId, role: 'customer' as const, email: 'race@example.com', sessionId: uuidv7() }
    const deps = paymentDeps(pgside.running.ctx)
    const method = await createPaymentMethod(deps, user, { cardNumber: CARDS.ok, expMonth: 12, expYear: new Date().getUTCFullYear() + 1, cvc: '123' })
    const orderId = uuidv7()
    await handle(pgside.running, 'payment.authorize', { orderId, customerId, email: user.email, amount: usd(1000), paymentMethodId: method.id })
    await eventually(async () => (await count(`SELECT count(*)::int AS n FROM payment.payments WHERE order_id = $1 AND status = 'authorized'`, [orderId])) === 1, 10_000, 'authorized')
    await handle(second, 'payment.capture', { orderId })
    await eventually(async () => (await count(`SELECT count(*)::int AS n FROM payment.payments WHERE order_id = $1 AND status = 'captured'`, [orderId])) === 1, 10_000, 'captured')
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM payment.payments WHERE order_id = $1', [orderId])
    const paymentId = rows[0]?.id ?? ''
    const admin = { id: uuidv7(), role: 'admin' as const, email: 'admin@example.com', sessionId: uuidv7() }
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => refundPayment(deps, admin, paymentId, { amount: usd(300) })))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3)
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([
      expect.objectContaining({ status: 422, code: 'refund_exceeds_captured' }),
      expect.objectContaining({ status: 422, code: 'refund_exceeds_captured' }),
    ])
    await eventually(async () => (await count(`SELECT refunded_minor::int AS n FROM payment.payments WHERE id = $1`, [paymentId])) === 900, 10_000, 'refunds')
    expect(await count(`SELECT refunded_minor::int AS n FROM payment.simulator_charges WHERE metadata->>'orderId' = $1`, [orderId])).toBe(900)
  })

  it('when an UPDATE would refund more than was captured or capture more than was authorized, then the CHECK constraints refuse it', async () => {
    const orderId = uuidv7()
    await pool.query(
      `INSERT INTO payment.payments (id, order_id, origin, provider, status, amount_minor, captured_minor, currency) VALUES ($1, $2, 'authorize', 'simulator', 'captured', 1000, 1000, 'USD')`,
      [uuidv7(), orderId],
    )
    await expect(pool.query('UPDATE payment.payments SET refunded_minor = 1001 WHERE order_id = $1', [orderId])).rejects.toMatchObject({
      code: '23514',
      constraint: 'payments_refunded_check',
    })
    await expect(pool.query('UPDATE payment.payments SET captured_minor = 1001 WHERE order_id = $1', [orderId])).rejects.toMatchObject({
      code: '23514',
      constraint: 'payments_captured_check',
    })
  })
})
