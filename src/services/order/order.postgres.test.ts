import pg from 'pg'
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MessageType, PayloadOf } from '../../contracts/messages.ts'
import { postgresServiceDb, type ServiceDb } from '../../platform/db/db.ts'
import type { RunningService } from '../../platform/service.ts'
import { expectMigrationMatchesDrizzle, type OnPostgres, startOnPostgres } from '../../../test/support/on-postgres.ts'
import { serversAvailable } from '../../../test/support/servers.ts'
import { order as orderModule } from './index.ts'
import { type OrderDeps, orderDeps } from './order.deps.ts'
import { generateOrderNumber, type SagaStep } from './order.rules.ts'
import * as tables from './order.tables.ts'
import { envelope } from './order.test-kit.ts'
import { insertOrder } from './orders.repo.ts'
import { sweepDeadlines } from './sweep-deadlines.ts'

const available = await serversAvailable('postgres')

/**
 * Ordering on a real PostgreSQL, where transactions truly run at once: its migration matches the
 * Drizzle tables, the same news arriving at once changes an order once, and sweepers on two
 * connections pools (as two replicas would have) cancel each overdue order once.
 */
describe.skipIf(!available)('ordering on PostgreSQL', () => {
  let pgside: OnPostgres
  let running: RunningService
  let pool: pg.Pool
  let deps: OrderDeps
  let replica: ServiceDb

  beforeAll(async () => {
    pgside = await startOnPostgres(orderModule, { env: { ORDER_SWEEP_MS: '3600000' }, poolSize: 20 })
    running = pgside.running
    deps = orderDeps(running.ctx)
    replica = await postgresServiceDb({ serverUrl: pgside.database.serverUrl, database: pgside.database.name, poolSize: 10 })
    pool = new pg.Pool({ connectionString: pgside.database.url, max: 4 })
  })

  afterAll(async () => {
    await pool?.end()
    await replica?.close()
    await pgside?.stop()
  })

  const handle = <T extends MessageType>(type: T, payload: PayloadOf<T>) => running.consumer.handle(envelope(type, payload))

  /** A pending order written as checkout writes it, at the given saga step. */
  async function seedOrder(step: SagaStep = 'reserving'): Promise<{ id: string; customerId: string; email: string }> {
    const customerId = uuidv4()
    const email = `buyer.${customerId.slice(0, 8)}@example.com`
    const row = await deps.db.transaction((tx) =>
      insertOrder(
        tx,
        {
          id: uuidv7(),
          number: generateOrderNumber(),
          customerId,
          email,
          status: 'pending',
          sagaStep: step,
          currency: 'USD',
          subtotalMinor: 2000,
          shippingTotalMinor: 500,
          totalMinor: 2500,
          shippingAddress: { fullName: 'Ada', line1: '1 Row', line2: null, city: 'Portland', region: null, postalCode: '97205', country: 'US', phone: null },
          shippingMethod: { id: uuidv4(), name: 'Standard', carrier: 'USPS', estimatedDays: { min: 3, max: 5 } },
          paymentMethodId: 'pm_test',
          paymentBrand: 'visa',
          paymentLast4: '4242',
        },
        [{ position: 1, variantId: uuidv4(), productId: uuidv4(), sku: `SKU-${customerId.slice(0, 8)}`, name: 'Mug', unitPriceMinor: 1000, quantity: 2, lineTotalMinor: 2000 }],
        30,
      ),
    )
    return { id: row.id, customerId, email }
  }

  async function statusOf(id: string): Promise<{ status: string; reason: string | null; history: number }> {
    const { rows } = await pool.query<{ status: string; reason: string | null; history: number }>(
      `SELECT status, cancellation_reason AS reason, (SELECT count(*)::int FROM ordering.order_history h WHERE h.order_id = o.id) AS history
       FROM ordering.orders o WHERE id = $1`,
      [id],
    )
    if (!rows[0]) throw new Error(`no order ${id}`)
    return rows[0]
  }

  async function sentCounts(ids: string[]): Promise<Record<string, number>> {
    const { rows } = await pool.query<{ type: string; n: number }>(
      `SELECT type, count(*)::int AS n FROM ordering.outbox WHERE envelope->'payload'->>'orderId' = ANY($1::text[]) GROUP BY type ORDER BY type`,
      [ids],
    )
    return Object.fromEntries(rows.map((r) => [r.type, r.n]))
  }

  const authorizedPayload = (o: { id: string; customerId: string; email: string }) => ({
    orderId: o.id,
    paymentId: uuidv4(),
    customerId: o.customerId,
    email: o.email,
    amount: { amount: 2500, currency: 'USD' },
    provider: 'simulator',
  })

  it('when the migration has run, then every table, column, index and constraint matches the Drizzle definitions', async () => {
    await expectMigrationMatchesDrizzle(pgside.database.url, 'ordering', [
      tables.orders,
      tables.orderLines,
      tables.orderHistory,
      tables.sagaLog,
      tables.returns,
      tables.returnLines,
    ])
  })

  it('when the same message is delivered twice at once, then the order changes once', async () => {
    const o = await seedOrder('authorizing')
    const message = envelope('payment.authorized', authorizedPayload(o))
    const results = await Promise.allSettled([running.consumer.handle(message), running.consumer.handle(message)])
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
    expect(await statusOf(o.id)).toEqual({ status: 'confirmed', reason: null, history: 2 })
    expect(await sentCounts([o.id])).toEqual({ 'inventory.commit': 1, 'order.confirmed': 1, 'payment.capture': 1 })
  })

  it('when the same news arrives five times at once under new message ids, then the order changes once', async () => {
    const o = await seedOrder('reserving')
    const payload = { orderId: o.id, lines: [{ sku: 'X', quantity: 2 }], expiresAt: new Date(Date.now() + 60_000).toISOString() }
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => handle('inventory.reserved', payload)))
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
    expect(await sentCounts([o.id])).toEqual({ 'payment.authorize': 1 })
    const authorized = authorizedPayload(o)
    await Promise.all(Array.from({ length: 5 }, () => handle('payment.authorized', authorized)))
    expect(await statusOf(o.id)).toEqual({ status: 'confirmed', reason: null, history: 2 })
    expect(await sentCounts([o.id])).toEqual({ 'inventory.commit': 1, 'order.confirmed': 1, 'payment.authorize': 1, 'payment.capture': 1 })
  })

  it('when a CHECK is broken by hand, then PostgreSQL refuses it: totals add up and a cancelled order has a reason', async () => {
    const o = await seedOrder()
    await expect(pool.query('UPDATE ordering.orders SET total_minor = total_minor + 1 WHERE id = $1', [o.id])).rejects.toMatchObject({ code: '23514', constraint: 'orders_total_check' })
    await expect(pool.query(`UPDATE ordering.orders SET status = 'cancelled' WHERE id = $1`, [o.id])).rejects.toMatchObject({ code: '23514', constraint: 'orders_cancelled_has_reason_check' })
    await expect(pool.query(`UPDATE ordering.orders SET status = 'lost' WHERE id = $1`, [o.id])).rejects.toMatchObject({ code: '23514' })
  })

  it('when two replicas sweep at once, then each overdue order is cancelled exactly once', async () => {
    const orders = await Promise.all(Array.from({ length: 30 }, (_, i) => seedOrder(i % 2 === 0 ? 'reserving' : 'authorizing')))
    const ids = orders.map((o) => o.id)
    await pool.query(`UPDATE ordering.orders SET step_deadline = now() - interval '1 second' WHERE id = ANY($1::uuid[])`, [ids])
    const other: OrderDeps = { ...deps, db: replica.db }
    const counts = await Promise.all([sweepDeadlines(deps, 4), sweepDeadlines(other, 4), sweepDeadlines(deps, 7), sweepDeadlines(other, 7)])
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(30)
    for (const id of ids) expect(await statusOf(id)).toEqual({ status: 'cancelled', reason: 'timeout', history: 2 })
    expect(await sentCounts(ids)).toEqual({ 'inventory.release': 30, 'order.cancelled': 30, 'payment.void': 15 })
  })

  it('when the authorization and the deadline race, then each order ends confirmed or cancelled, never both, and a late authorization is voided', async () => {
    const orders = await Promise.all(Array.from({ length: 20 }, () => seedOrder('authorizing')))
    const ids = orders.map((o) => o.id)
    await pool.query(`UPDATE ordering.orders SET step_deadline = now() - interval '1 second' WHERE id = ANY($1::uuid[])`, [ids])
    const results = await Promise.allSettled([
      ...orders.map((o) => handle('payment.authorized', authorizedPayload(o))),
      sweepDeadlines(deps, 3),
      sweepDeadlines({ ...deps, db: replica.db }, 3),
    ])
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
    for (const o of orders) {
      const counts = await sentCounts([o.id])
      const { status } = await statusOf(o.id)
      if (status === 'confirmed') {
        expect(counts, o.id).toEqual({ 'inventory.commit': 1, 'order.confirmed': 1, 'payment.capture': 1 })
      } else {
        expect(status).toBe('cancelled')
        // Cancelled first: release and void at the timeout, and the authorization that came after is voided again.
        expect(counts, o.id).toEqual({ 'inventory.release': 1, 'order.cancelled': 1, 'payment.void': 2 })
      }
    }
  })
})
