import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MessageType, PayloadOf } from '../../contracts/messages.ts'
import type { RunningService } from '../../platform/service.ts'
import { expectMigrationMatchesDrizzle, type OnPostgres, startOnPostgres } from '../../../test/support/on-postgres.ts'
import { serversAvailable } from '../../../test/support/servers.ts'
import * as tables from './cart.tables.ts'
import { type Cart, envelope, newProduct, snapshotOf } from './cart.test-kit.ts'
import { cart } from './index.ts'

const available = await serversAvailable('postgres')

/**
 * The cart on a real PostgreSQL, where requests truly run at once: its migration matches the
 * Drizzle tables, racing adds never pass what is available, and the CHECK constraints hold.
 */
describe.skipIf(!available)('cart on PostgreSQL', () => {
  let pgside: OnPostgres
  let running: RunningService
  let pool: pg.Pool

  beforeAll(async () => {
    pgside = await startOnPostgres(cart, { poolSize: 20 })
    running = pgside.running
    pool = new pg.Pool({ connectionString: pgside.database.url, max: 4 })
  })

  afterAll(async () => {
    await pool?.end()
    await pgside?.stop()
  })

  const handle = <T extends MessageType>(type: T, payload: PayloadOf<T>) => running.consumer.handle(envelope(type, payload))

  async function listed(available: number) {
    const product = newProduct([1500])
    await handle('product.created', snapshotOf(product))
    const variant = product.variants[0]!
    await handle('inventory.changed', { sku: variant.sku, onHand: available, reserved: 0, available, version: 1 })
    return variant
  }

  it('when the migration has run, then every table, column, index and constraint matches the Drizzle definitions', async () => {
    await expectMigrationMatchesDrizzle(pgside.database.url, 'cart', [
      tables.products,
      tables.variants,
      tables.stock,
      tables.carts,
      tables.cartLines,
      tables.orderEffects,
      tables.wishlistItems,
    ])
  })

  it('when 30 adds of one unit race on a guest cart already holding 1 of 10 available, then exactly 9 land and 21 get 409', async () => {
    const variant = await listed(10)
    const first = await running.app.inject({ method: 'POST', url: '/api/cart/items', payload: { variantId: variant.variantId, quantity: 1 } })
    const cartId = first.headers['x-cart-id'] as string
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        running.app.inject({ method: 'POST', url: '/api/cart/items', headers: { 'x-cart-id': cartId }, payload: { variantId: variant.variantId, quantity: 1 } }),
      ),
    )
    const codes = answers.map((a) => a.statusCode)
    expect(codes.filter((c) => c === 200)).toHaveLength(9)
    expect(codes.filter((c) => c === 409)).toHaveLength(21)
    const cartNow = (await running.app.inject({ method: 'GET', url: '/api/cart', headers: { 'x-cart-id': cartId } })).json<Cart>()
    expect(cartNow.items[0]?.quantity).toBe(10)
  })

  it('when availability announcements arrive at once and out of order, then the newest version wins', async () => {
    const variant = await listed(1)
    const versions = Array.from({ length: 40 }, (_, i) => i + 2).sort(() => Math.random() - 0.5)
    await Promise.all(versions.map((version) => handle('inventory.changed', { sku: variant.sku, onHand: version, reserved: 0, available: version, version })))
    const { rows } = await pool.query<{ available: number; version: string }>('SELECT available, version FROM cart.stock WHERE sku = $1', [variant.sku])
    expect(rows[0]).toEqual({ available: 41, version: '41' })
  })

  it('when an UPDATE would put a line outside 1..999 or availability below zero, then the CHECK constraints refuse it', async () => {
    const variant = await listed(5)
    const res = await running.app.inject({ method: 'POST', url: '/api/cart/items', payload: { variantId: variant.variantId, quantity: 2 } })
    const cartId = res.headers['x-cart-id'] as string
    for (const quantity of [0, 1000]) {
      await expect(pool.query('UPDATE cart.cart_lines SET quantity = $2 WHERE cart_id = $1', [cartId, quantity])).rejects.toMatchObject({
        code: '23514',
        constraint: 'cart_lines_quantity_check',
      })
    }
    await expect(pool.query('UPDATE cart.stock SET available = -1 WHERE sku = $1', [variant.sku])).rejects.toMatchObject({ code: '23514', constraint: 'stock_available_check' })
  })
})
