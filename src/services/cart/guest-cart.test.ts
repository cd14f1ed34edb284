import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { call, type Cart, expectCart, listProduct, newCustomer, quantities, type TestProduct } from './cart.test-kit.ts'

let s: TestServices
let product: TestProduct

beforeAll(async () => {
  s = await startTestServices(['identity', 'cart'])
  product = await listProduct(s, [10, 4], [1999, 2500])
})
afterAll(() => s.stop())

const cartRows = async (): Promise<number> => (await s.pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM cart.carts')).rows[0]?.n ?? 0

describe('a guest cart', () => {
  it('when a guest without a cart id looks at the cart, then it is empty with a null id and nothing is created', async () => {
    const before = await cartRows()
    const res = await call(s, 'GET', '/api/cart')
    expect(res.statusCode).toBe(200)
    expect(res.headers['x-cart-id']).toBeUndefined()
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.json<Cart>()).toMatchObject({ id: null, items: [], subtotal: { amount: 0, currency: 'USD' }, itemCount: 0, currency: 'USD' })
    expect(await cartRows()).toBe(before)
  })

  it('when a guest adds a first item, then a cart is created and its id comes back in X-Cart-Id, and the cart reads back by it', async () => {
    const [a] = product.variants
    const res = await call(s, 'POST', '/api/cart/items', { body: { variantId: a?.variantId, quantity: 2 } })
    expect(res.statusCode).toBe(200)
    const cart = res.json<Cart>()
    const cartId = res.headers['x-cart-id'] as string
    expect(cartId).toMatch(/^[0-9a-f-]{36}$/)
    expect(cart.id).toBe(cartId)
    expect(cart.items).toEqual([
      {
        variantId: a?.variantId,
        productId: product.productId,
        sku: a?.sku,
        name: product.name,
        title: a?.title,
        slug: product.slug,
        unitPrice: { amount: 1999, currency: 'USD' },
        quantity: 2,
        lineTotal: { amount: 3998, currency: 'USD' },
        available: 10,
        weightGrams: a?.weightGrams,
        sellable: true,
      },
    ])
    expect(cart).toMatchObject({ subtotal: { amount: 3998, currency: 'USD' }, itemCount: 2 })
    expect(Date.parse(cart.expiresAt ?? '') - Date.parse(cart.updatedAt ?? '')).toBe(30 * 24 * 3600 * 1000)

    const again = await call(s, 'GET', '/api/cart', { cartId })
    expect(again.headers['x-cart-id']).toBe(cartId)
    expect(again.json<Cart>()).toEqual(cart)
  })

  it('when a guest adds the same variant again and another one, then the first line grows and the second is appended', async () => {
    const [a, b] = product.variants
    const first = await call(s, 'POST', '/api/cart/items', { body: { variantId: a?.variantId, quantity: 1 } })
    const cartId = first.headers['x-cart-id'] as string
    await expectCart(s, 'POST', '/api/cart/items', { cartId, body: { variantId: b?.variantId, quantity: 3 } })
    const cart = await expectCart(s, 'POST', '/api/cart/items', { cartId, body: { variantId: a?.variantId, quantity: 2 } })
    expect(cart.id).toBe(cartId)
    expect(cart.items.map((i) => [i.variantId, i.quantity])).toEqual([
      [a?.variantId, 3],
      [b?.variantId, 3],
    ])
    expect(cart).toMatchObject({ subtotal: { amount: 3 * 1999 + 3 * 2500 }, itemCount: 6 })
  })

  it('when a guest changes, removes and clears, then the cart follows and a cleared cart reads as empty', async () => {
    const [a, b] = product.variants
    const first = await call(s, 'POST', '/api/cart/items', { body: { variantId: a?.variantId, quantity: 1 } })
    const cartId = first.headers['x-cart-id'] as string
    await expectCart(s, 'POST', '/api/cart/items', { cartId, body: { variantId: b?.variantId, quantity: 1 } })

    const patched = await call(s, 'PATCH', `/api/cart/items/${a?.variantId}`, { cartId, body: { quantity: 5 } })
    expect(patched.statusCode).toBe(200)
    expect(patched.headers['x-cart-id']).toBe(cartId)
    expect(quantities(patched.json<Cart>())).toEqual({ [a?.variantId as string]: 5, [b?.variantId as string]: 1 })

    const zeroed = await expectCart(s, 'PATCH', `/api/cart/items/${b?.variantId}`, { cartId, body: { quantity: 0 } })
    expect(quantities(zeroed)).toEqual({ [a?.variantId as string]: 5 })

    const removed = await expectCart(s, 'DELETE', `/api/cart/items/${a?.variantId}`, { cartId })
    expect(removed).toMatchObject({ id: cartId, items: [], itemCount: 0 })
    const removedAgain = await expectCart(s, 'DELETE', `/api/cart/items/${a?.variantId}`, { cartId })
    expect(removedAgain).toMatchObject({ id: cartId, items: [] })

    const cleared = await call(s, 'DELETE', '/api/cart', { cartId })
    expect(cleared.statusCode).toBe(204)
    expect(cleared.body).toBe('')
    const after = await call(s, 'GET', '/api/cart', { cartId })
    expect(after.headers['x-cart-id']).toBeUndefined()
    expect(after.json<Cart>()).toMatchObject({ id: null, items: [] })
    expect((await call(s, 'DELETE', '/api/cart', { cartId })).statusCode).toBe(204)
  })

  it('when a guest sends an unknown cart id, then GET answers an empty cart and an add starts a new cart with a new id', async () => {
    const unknown = uuidv7()
    expect(await expectCart(s, 'GET', '/api/cart', { cartId: unknown })).toMatchObject({ id: null, items: [] })
    const res = await call(s, 'POST', '/api/cart/items', { cartId: unknown, body: { variantId: product.variants[0]?.variantId, quantity: 1 } })
    expect(res.statusCode).toBe(200)
    const fresh = res.headers['x-cart-id'] as string
    expect(fresh).not.toBe(unknown)
    expect(res.json<Cart>().id).toBe(fresh)
    expect((await expectCart(s, 'GET', '/api/cart', { cartId: fresh })).items).toHaveLength(1)
  })

  it('when a guest holds the id of a customer\'s cart, then it does not open that cart', async () => {
    const customer = await newCustomer(s)
    const own = await expectCart(s, 'POST', '/api/cart/items', { token: customer.token, body: { variantId: product.variants[0]?.variantId, quantity: 1 } })
    const res = await call(s, 'GET', '/api/cart', { cartId: own.id as string })
    expect(res.json<Cart>()).toMatchObject({ id: null, items: [] })
    expect((await call(s, 'PATCH', `/api/cart/items/${product.variants[0]?.variantId}`, { cartId: own.id as string, body: { quantity: 2 } })).statusCode).toBe(404)
    expect((await call(s, 'DELETE', '/api/cart', { cartId: own.id as string })).statusCode).toBe(204)
    expect((await expectCart(s, 'GET', '/api/cart', { token: customer.token })).items).toHaveLength(1)
  })

  it('when a guest changes a line of a cart it does not have, then 404', async () => {
    const variantId = product.variants[0]?.variantId
    expect((await call(s, 'PATCH', `/api/cart/items/${variantId}`, { body: { quantity: 1 } })).statusCode).toBe(404)
    expect((await call(s, 'PATCH', `/api/cart/items/${variantId}`, { cartId: uuidv7(), body: { quantity: 1 } })).statusCode).toBe(404)
    const removed = await call(s, 'DELETE', `/api/cart/items/${variantId}`)
    expect(removed.statusCode).toBe(200)
    expect(removed.json<Cart>()).toMatchObject({ id: null, items: [] })
  })
})
