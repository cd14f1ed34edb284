import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MessageType, PayloadOf } from '../../contracts/messages.ts'
import type { RunningService } from '../../platform/service.ts'
import { expectMigrationMatchesDrizzle, type OnPostgres, startOnPostgres } from '../../../test/support/on-postgres.ts'
import { serversAvailable } from '../../../test/support/servers.ts'
import { inventory } from './index.ts'
import { inventoryDeps } from './inventory.deps.ts'
import * as tables from './inventory.tables.ts'
import { envelope, newOrderId, productPayload, uniqueSku } from './inventory.test-kit.ts'
import { sweepExpired } from './sweep-expired.ts'

const available = await serversAvailable('postgres')

/**
 * Inventory on a real PostgreSQL, where transactions truly run at once: its migration matches the
 * Drizzle tables, reservations never oversell under a crowd, and the CHECK constraints hold.
 */
describe.skipIf(!available)('inventory on PostgreSQL', () => {
  let pgside: OnPostgres
  let running: RunningService
  let pool: pg.Pool

  beforeAll(async () => {
    // The background sweeper stays out of the way; the tests sweep when they mean to.
    pgside = await startOnPostgres(inventory, { env: { RESERVATION_SWEEP_MS: '3600000' }, poolSize: 20 })
    running = pgside.running
    pool = new pg.Pool({ connectionString: pgside.database.url, max: 4 })
  })

  afterAll(async () => {
    await pool?.end()
    await pgside?.stop()
  })

  const handle = <T extends MessageType>(type: T, payload: PayloadOf<T>) => running.consumer.handle(envelope(type, payload))

  async function level(sku: string): Promise<{ on_hand: number; reserved: number }> {
    const { rows } = await pool.query<{ on_hand: number; reserved: number }>('SELECT on_hand, reserved FROM inventory.stock_levels WHERE sku = $1', [sku])
    if (!rows[0]) throw new Error(`no level for ${sku}`)
    return rows[0]
  }

  async function ledger(sku: string): Promise<{ on_hand: number; reserved: number }> {
    const { rows } = await pool.query<{ on_hand: number; reserved: number }>(
      'SELECT coalesce(sum(delta), 0)::int AS on_hand, coalesce(sum(reserved_delta), 0)::int AS reserved FROM inventory.movements WHERE sku = $1',
      [sku],
    )
    return rows[0] ?? { on_hand: 0, reserved: 0 }
  }

  async function answers(type: MessageType, orderIds: string[]): Promise<Array<Record<string, unknown>>> {
    const { rows } = await pool.query<{ payload: Record<string, unknown> }>(
      `SELECT envelope->'payload' AS payload FROM inventory.outbox WHERE type = $1 AND envelope->'payload'->>'orderId' = ANY($2::text[]) ORDER BY seq`,
      [type, orderIds],
    )
    return rows.map((r) => r.payload)
  }

  async function expectLedgerMatches(sku: string): Promise<void> {
    expect(await ledger(sku), `ledger of ${sku}`).toEqual(await level(sku))
  }

  it('when the migration has run, then every table, column, index and constraint matches the Drizzle definitions', async () => {
    await expectMigrationMatchesDrizzle(pgside.database.url, 'inventory', [tables.stockLevels, tables.movements, tables.reservations, tables.reservationLines, tables.restocks])
  })

  it('when 200 orders reserve 1 unit each at once against 10 in stock, then exactly 10 are reserved and 190 fail, never overselling', async () => {
    const sku = uniqueSku('HOT')
    await handle('product.created', productPayload([{ sku, initialStock: 10 }]))
    const orderIds = Array.from({ length: 200 }, () => newOrderId())

    let lowest = Number.POSITIVE_INFINITY
    let samples = 0
    let done = false
    const watcher = (async () => {
      while (!done) {
        const l = await level(sku)
        samples += 1
        lowest = Math.min(lowest, l.on_hand - l.reserved)
        await sleep(5)
      }
    })()
    const results = await Promise.allSettled(orderIds.map((orderId) => handle('inventory.reserve', { orderId, lines: [{ sku, quantity: 1 }] })))
    done = true
    await watcher

    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
    expect(await answers('inventory.reserved', orderIds)).toHaveLength(10)
    const failed = await answers('inventory.reservation_failed', orderIds)
    expect(failed).toHaveLength(190)
    expect(failed.every((f) => f.reason === 'out_of_stock')).toBe(true)
    expect(await level(sku)).toEqual({ on_hand: 10, reserved: 10 })
    expect(samples).toBeGreaterThan(1)
    expect(lowest).toBeGreaterThanOrEqual(0)
    await expectLedgerMatches(sku)
    const { rows } = await pool.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM inventory.reservations WHERE order_id = ANY($1::uuid[]) GROUP BY status ORDER BY status`,
      [orderIds],
    )
    expect(rows).toEqual([
      { status: 'failed', n: 190 },
      { status: 'reserved', n: 10 },
    ])
  })

  it('when many two-line orders lock the same skus in opposite orders at once, then none deadlocks and none oversells', async () => {
    const [a, b] = [uniqueSku('A'), uniqueSku('B')]
    await handle('product.created', productPayload([{ sku: a, initialStock: 30 }, { sku: b, initialStock: 30 }]))
    const orderIds = Array.from({ length: 60 }, () => newOrderId())
    const results = await Promise.allSettled(
      orderIds.map((orderId, i) => {
        const lines = [{ sku: a, quantity: 1 }, { sku: b, quantity: 1 }]
        return handle('inventory.reserve', { orderId, lines: i % 2 === 0 ? lines : lines.reverse() })
      }),
    )
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
    expect(await answers('inventory.reserved', orderIds)).toHaveLength(30)
    expect(await answers('inventory.reservation_failed', orderIds)).toHaveLength(30)
    expect(await level(a)).toEqual({ on_hand: 30, reserved: 30 })
    expect(await level(b)).toEqual({ on_hand: 30, reserved: 30 })
    await expectLedgerMatches(a)
    await expectLedgerMatches(b)
  })

  it('when one line of a two-line reservation is short, then nothing is reserved', async () => {
    const [a, b] = [uniqueSku('A'), uniqueSku('B')]
    await handle('product.created', productPayload([{ sku: a, initialStock: 5 }, { sku: b, initialStock: 1 }]))
    const orderId = newOrderId()
    await handle('inventory.reserve', { orderId, lines: [{ sku: a, quantity: 5 }, { sku: b, quantity: 2 }] })
    expect(await answers('inventory.reservation_failed', [orderId])).toEqual([
      { orderId, reason: 'out_of_stock', shortages: [{ sku: b, requested: 2, available: 1 }] },
    ])
    expect(await level(a)).toEqual({ on_hand: 5, reserved: 0 })
    expect(await level(b)).toEqual({ on_hand: 1, reserved: 0 })
  })

  it('when the same reserve command arrives five times at once under new message ids, then it reserves once and answers each the same', async () => {
    const sku = uniqueSku('DUP')
    await handle('product.created', productPayload([{ sku, initialStock: 10 }]))
    const orderId = newOrderId()
    const command = { orderId, lines: [{ sku, quantity: 3 }] }
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => handle('inventory.reserve', command)))
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
    const reserved = await answers('inventory.reserved', [orderId])
    expect(reserved).toHaveLength(5)
    expect(new Set(reserved.map((r) => JSON.stringify(r))).size).toBe(1)
    expect(await level(sku)).toEqual({ on_hand: 10, reserved: 3 })
    await expectLedgerMatches(sku)
  })

  it('when a commit and a release of the same order race, then exactly one outcome holds and the ledger still balances', async () => {
    const sku = uniqueSku('RACE')
    await handle('product.created', productPayload([{ sku, initialStock: 100 }]))
    const orderIds = Array.from({ length: 20 }, () => newOrderId())
    for (const orderId of orderIds) await handle('inventory.reserve', { orderId, lines: [{ sku, quantity: 2 }] })

    const results = await Promise.allSettled(
      orderIds.flatMap((orderId) => [handle('inventory.commit', { orderId }), handle('inventory.release', { orderId, reason: 'customer_cancelled' })]),
    )
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])

    const committed = await answers('inventory.committed', orderIds)
    const commitFailed = await answers('inventory.commit_failed', orderIds)
    const released = await answers('inventory.released', orderIds)
    for (const orderId of orderIds) {
      const won = committed.filter((c) => c.orderId === orderId).length
      const lost = commitFailed.filter((c) => c.orderId === orderId)
      const release = released.filter((r) => r.orderId === orderId)
      expect(won + lost.length, orderId).toBe(1)
      expect(release, orderId).toHaveLength(1)
      // Commit first: the release gives sold stock back. Release first: the commit is refused.
      if (won === 1) expect(release[0]).toMatchObject({ restocked: true })
      else expect(lost[0]).toMatchObject({ reason: 'released' })
      if (won === 0) expect(release[0]).toMatchObject({ restocked: false })
    }
    expect(await level(sku)).toEqual({ on_hand: 100, reserved: 0 })
    await expectLedgerMatches(sku)
  })

  it('when replicas sweep at once, then each expired reservation is released exactly once', async () => {
    const sku = uniqueSku('SWEEP')
    await handle('product.created', productPayload([{ sku, initialStock: 50 }]))
    const orderIds = Array.from({ length: 30 }, () => newOrderId())
    for (const orderId of orderIds) await handle('inventory.reserve', { orderId, lines: [{ sku, quantity: 1 }], ttlSeconds: 1 })
    await sleep(1100)
    const deps = inventoryDeps(running.ctx)
    const counts = await Promise.all([sweepExpired(deps, 7), sweepExpired(deps, 7), sweepExpired(deps, 7)])
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(30)
    expect(await answers('inventory.released', orderIds)).toHaveLength(30)
    expect(await level(sku)).toEqual({ on_hand: 50, reserved: 0 })
    await expectLedgerMatches(sku)
  })

  it('when an UPDATE would make reserved exceed on hand or either fall below zero, then the CHECK constraints refuse it', async () => {
    const sku = uniqueSku('GUARD')
    await handle('product.created', productPayload([{ sku, initialStock: 3 }]))
    await expect(pool.query('UPDATE inventory.stock_levels SET reserved = on_hand + 1 WHERE sku = $1', [sku])).rejects.toMatchObject({
      code: '23514',
      constraint: 'stock_levels_reserved_within_on_hand_check',
    })
    await expect(pool.query('UPDATE inventory.stock_levels SET on_hand = -1 WHERE sku = $1', [sku])).rejects.toMatchObject({ code: '23514' })
    await expect(pool.query('UPDATE inventory.stock_levels SET reserved = -1 WHERE sku = $1', [sku])).rejects.toMatchObject({
      code: '23514',
      constraint: 'stock_levels_reserved_check',
    })
    expect(await level(sku)).toEqual({ on_hand: 3, reserved: 0 })
  })
})
