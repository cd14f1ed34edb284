import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { cartDeps } from './cart.deps.ts'
import { call, type Cart, expectCart, listProduct, newCustomer, quantities, type TestProduct } from './cart.test-kit.ts'

let s: TestServices
let product: TestProduct

// Carts idle for more than 2 days are forgotten.
beforeAll(async () => {
  s = await startTestServices(['identity', 'cart'], { env: { CART_TTL_DAYS: '2' } })
  product = await listProduct(s, 50)
})
afterAll(() => s.stop())

const variantId = () => product.variants[0]?.variantId as string

/** Makes a cart look idle for this many hours. */
async function idleFor(cartId: string, hours: number): Promise<void> {
  await s.pglite.query(`UPDATE cart.carts SET updated_at = now() - make_interval(hours => $2) WHERE id = $1`, [cartId, hours])
}

async function rowExists(cartId: string): Promise<boolean> {
  return (await s.pglite.query('SELECT 1 FROM cart.carts WHERE id = $1', [cartId])).rows.length === 1
}

describe('carts expire when idle', () => {
  it('when a guest cart has been idle for less than the TTL, then it is still there, and a write starts its TTL again', async () => {
    const res = await call(s, 'POST', '/api/cart/items', { body: { variantId: variantId(), quantity: 1 } })
    const cartId = res.headers['x-cart-id'] as string
    await idleFor(cartId, 47)
    const cart = await expectCart(s, 'GET', '/api/cart', { cartId })
    expect(cart.id).toBe(cartId)
    expect(Date.parse(cart.expiresAt ?? '') - Date.now()).toBeLessThan(2 * 3600 * 1000)
    const touched = await expectCart(s, 'POST', '/api/cart/items', { cartId, body: { variantId: variantId(), quantity: 1 } })
    expect(Date.parse(touched.expiresAt ?? '') - Date.now()).toBeGreaterThan(47 * 3600 * 1000)
  })

  it('when a guest cart has been idle past the TTL, then it reads as empty and an add starts a new cart with a new id', async () => {
    const res = await call(s, 'POST', '/api/cart/items', { body: { variantId: variantId(), quantity: 2 } })
    const cartId = res.headers['x-cart-id'] as string
    await idleFor(cartId, 49)
    const gone = await call(s, 'GET', '/api/cart', { cartId })
    expect(gone.json<Cart>()).toMatchObject({ id: null, items: [] })
    expect(gone.headers['x-cart-id']).toBeUndefined()
    expect((await call(s, 'PATCH', `/api/cart/items/${variantId()}`, { cartId, body: { quantity: 1 } })).statusCode).toBe(404)

    const fresh = await call(s, 'POST', '/api/cart/items', { cartId, body: { variantId: variantId(), quantity: 1 } })
    const freshId = fresh.headers['x-cart-id'] as string
    expect(freshId).not.toBe(cartId)
    expect(quantities(fresh.json<Cart>())).toEqual({ [variantId()]: 1 })
  })

  it("when a customer's cart has been idle past the TTL, then it is forgotten and the next add starts afresh", async () => {
    const customer = await newCustomer(s)
    const old = await expectCart(s, 'POST', '/api/cart/items', { token: customer.token, body: { variantId: variantId(), quantity: 3 } })
    await idleFor(old.id as string, 72)
    expect(await expectCart(s, 'GET', '/api/cart', { token: customer.token })).toMatchObject({ id: null, items: [] })
    const fresh = await expectCart(s, 'POST', '/api/cart/items', { token: customer.token, body: { variantId: variantId(), quantity: 1 } })
    expect(quantities(fresh)).toEqual({ [variantId()]: 1 })
  })

  it('when the sweep runs, then idle carts are deleted and live ones kept', async () => {
    const idle = (await call(s, 'POST', '/api/cart/items', { body: { variantId: variantId(), quantity: 1 } })).headers['x-cart-id'] as string
    const live = (await call(s, 'POST', '/api/cart/items', { body: { variantId: variantId(), quantity: 1 } })).headers['x-cart-id'] as string
    await idleFor(idle, 50)
    const swept = await cartDeps(s.get('cart').ctx).store.sweepExpired()
    expect(swept).toBeGreaterThanOrEqual(1)
    expect(await rowExists(idle)).toBe(false)
    expect(await rowExists(live)).toBe(true)
    expect((await s.pglite.query('SELECT 1 FROM cart.cart_lines WHERE cart_id = $1', [idle])).rows).toHaveLength(0)
  })
})
