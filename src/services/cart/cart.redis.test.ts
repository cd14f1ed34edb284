import type { PGliteInterface } from '@electric-sql/pglite'
import { Redis } from 'ioredis'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MessageType, PayloadOf } from '../../contracts/messages.ts'
import { InProcessTransport } from '../../platform/bus/in-process.ts'
import type { ServiceName } from '../../platform/config.ts'
import { pgliteServiceDb } from '../../platform/db/db.ts'
import { RedisKv } from '../../platform/kv/redis.ts'
import { createLogger } from '../../platform/log.ts'
import { openMailer } from '../../platform/mail/mailer.ts'
import { type RunningService, startService } from '../../platform/service.ts'
import { testConfig } from '../../../test/support/config.ts'
import { migratedPglite } from '../../../test/support/pglite.ts'
import { createTestKeyPrefix } from '../../../test/support/redis.ts'
import { serversAvailable } from '../../../test/support/servers.ts'
import { cartDeps } from './cart.deps.ts'
import { type Cart, envelope, newProduct, orderConfirmedPayload, orderLines, snapshotOf } from './cart.test-kit.ts'
import { cart } from './index.ts'
import { RedisCartStore } from './redis-cart-store.ts'

const redisUp = await serversAvailable('redis')

/** The cart service handed Redis, as in the distributed mode: carts live there, the read model stays in SQL. */
describe.skipIf(!redisUp)('cart with Redis', () => {
  const keys = createTestKeyPrefix('cart-service')
  let kv: RedisKv
  let raw: Redis
  let pglite: PGliteInterface
  let transport: InProcessTransport
  let running: RunningService
  let mailer: ReturnType<typeof openMailer>

  beforeAll(async () => {
    const config = testConfig({ CART_TTL_DAYS: '3' })
    const log = createLogger(config)
    pglite = await migratedPglite()
    kv = new RedisKv(keys.url, keys.prefix)
    raw = new Redis(keys.url)
    transport = new InProcessTransport({ maxAttempts: 3, delaysMs: [20] }, log)
    const urls = Object.fromEntries(Object.entries(config.services).map(([n, s]) => [n, s.url])) as Record<ServiceName, string>
    mailer = openMailer(config.mail)
    running = await startService(cart, { openDb: async () => pgliteServiceDb(pglite), transport, kv, mailer, urls }, config, log)
  })

  afterAll(async () => {
    await running?.closeHttp()
    await transport?.close()
    await running?.stopWork()
    raw?.disconnect()
    await mailer?.close()
    await kv?.close()
    await pglite?.close()
    await keys.cleanup()
  })

  const handle = <T extends MessageType>(type: T, payload: PayloadOf<T>) => running.consumer.handle(envelope(type, payload))

  async function listed() {
    const product = newProduct([700])
    await handle('product.created', snapshotOf(product))
    await handle('inventory.changed', { sku: product.variants[0]!.sku, onHand: 20, reserved: 0, available: 20, version: 1 })
    return product
  }

  it('when the service is handed Redis, then its store is the Redis one', () => {
    expect(cartDeps(running.ctx).store).toBeInstanceOf(RedisCartStore)
  })

  it('when a guest adds an item, then the cart is a Redis hash expiring after the configured TTL and no SQL row is written', async () => {
    const product = await listed()
    const res = await running.app.inject({ method: 'POST', url: '/api/cart/items', payload: { variantId: product.variants[0]?.variantId, quantity: 2 } })
    expect(res.statusCode).toBe(200)
    const cartId = res.headers['x-cart-id'] as string
    expect(res.json<Cart>()).toMatchObject({ id: cartId, subtotal: { amount: 1400 }, itemCount: 2 })

    const ttl = await raw.pttl(`${keys.prefix}cart:g:${cartId}`)
    expect(ttl).toBeGreaterThan(3 * 24 * 3600 * 1000 - 60_000)
    expect(ttl).toBeLessThanOrEqual(3 * 24 * 3600 * 1000)
    expect((await pglite.query('SELECT 1 FROM cart.carts')).rows).toHaveLength(0)

    const again = await running.app.inject({ method: 'GET', url: '/api/cart', headers: { 'x-cart-id': cartId } })
    expect(again.json<Cart>().items[0]?.quantity).toBe(2)
  })

  it("when an order is confirmed, then its quantities leave the customer's Redis cart, once", async () => {
    const product = await listed()
    const variant = product.variants[0]!
    const customerId = uuidv7()
    const store = cartDeps(running.ctx).store
    await store.addLine({ kind: 'customer', customerId }, { variantId: variant.variantId, quantity: 5, limit: 20 })
    const payload = orderConfirmedPayload(customerId, uuidv7(), orderLines([{ variant, productId: product.productId, quantity: 2 }]))
    await handle('order.confirmed', payload)
    await handle('order.confirmed', payload)
    expect((await store.find({ kind: 'customer', customerId }))?.lines).toMatchObject([{ variantId: variant.variantId, quantity: 3 }])
  })
})
