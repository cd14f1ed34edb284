import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { call, type Cart, expectCart, listProduct, newCustomer, quantities, setAvailable } from './cart.test-kit.ts'

let s: TestServices

beforeAll(async () => {
  s = await startTestServices(['identity', 'cart'])
})
afterAll(() => s.stop())

/** A guest cart holding these quantities; its id. */
async function guestCart(lines: Array<[string, number]>): Promise<string> {
  let cartId: string | undefined
  for (const [variantId, quantity] of lines) {
    const res = await call(s, 'POST', '/api/cart/items', { ...(cartId ? { cartId } : {}), body: { variantId, quantity } })
    if (res.statusCode !== 200) throw new Error(`add answered ${res.statusCode}: ${res.body}`)
    cartId = res.headers['x-cart-id'] as string
  }
  return cartId as string
}

describe('merging a guest cart at sign-in', () => {
  it('when a customer merges a guest cart, then quantities add up, each capped at what is available, and the guest cart is gone', async () => {
    const p = await listProduct(s, [10, 5, 8], [100, 200, 300])
    const [a, b, c] = p.variants.map((v) => v.variantId) as [string, string, string]
    const customer = await newCustomer(s)
    await expectCart(s, 'POST', '/api/cart/items', { token: customer.token, body: { variantId: a, quantity: 2 } })
    await expectCart(s, 'POST', '/api/cart/items', { token: customer.token, body: { variantId: b, quantity: 3 } })
    const guestId = await guestCart([
      [a, 4],
      [b, 4],
      [c, 1],
    ])
    await setAvailable(s, p.variants[1]?.sku as string, 5)

    const merged = await expectCart(s, 'POST', '/api/cart/merge', { token: customer.token, body: { cartId: guestId } })
    expect(quantities(merged)).toEqual({ [a]: 6, [b]: 5, [c]: 1 })
    expect(merged.id).not.toBe(guestId)
    expect(await expectCart(s, 'GET', '/api/cart', { cartId: guestId })).toMatchObject({ id: null, items: [] })
    expect(quantities(await expectCart(s, 'GET', '/api/cart', { token: customer.token }))).toEqual({ [a]: 6, [b]: 5, [c]: 1 })
  })

  it('when the same merge is retried, then the customer cart is answered unchanged', async () => {
    const p = await listProduct(s, 10)
    const variantId = p.variants[0]?.variantId as string
    const customer = await newCustomer(s)
    const guestId = await guestCart([[variantId, 3]])
    const first = await expectCart(s, 'POST', '/api/cart/merge', { token: customer.token, body: { cartId: guestId } })
    const retry = await expectCart(s, 'POST', '/api/cart/merge', { token: customer.token, body: { cartId: guestId } })
    expect(quantities(first)).toEqual({ [variantId]: 3 })
    expect(retry).toEqual(first)
  })

  it('when two merges of one guest cart run at once, then its quantities are added once', async () => {
    const p = await listProduct(s, 50)
    const variantId = p.variants[0]?.variantId as string
    const customer = await newCustomer(s)
    await expectCart(s, 'POST', '/api/cart/items', { token: customer.token, body: { variantId, quantity: 1 } })
    const guestId = await guestCart([[variantId, 4]])
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => call(s, 'POST', '/api/cart/merge', { token: customer.token, body: { cartId: guestId } })),
    )
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200])
    expect(quantities(await expectCart(s, 'GET', '/api/cart', { token: customer.token }))).toEqual({ [variantId]: 5 })
  })

  it('when the guest cart never existed, expired or is the customer\'s own, then the customer cart is unchanged', async () => {
    const p = await listProduct(s, 10)
    const variantId = p.variants[0]?.variantId as string
    const customer = await newCustomer(s)
    const empty = await expectCart(s, 'POST', '/api/cart/merge', { token: customer.token, body: { cartId: uuidv7() } })
    expect(empty).toMatchObject({ id: null, items: [] })
    const own = await expectCart(s, 'POST', '/api/cart/items', { token: customer.token, body: { variantId, quantity: 2 } })
    const self = await expectCart(s, 'POST', '/api/cart/merge', { token: customer.token, body: { cartId: own.id } })
    expect(quantities(self)).toEqual({ [variantId]: 2 })
  })

  it('when a guest line is no longer sold or has no stock, then it is left out and the rest lands', async () => {
    const p = await listProduct(s, [10, 10], [100, 200])
    const [a, b] = p.variants
    const customer = await newCustomer(s)
    const guestId = await guestCart([
      [a?.variantId as string, 2],
      [b?.variantId as string, 2],
    ])
    await setAvailable(s, b?.sku as string, 0)
    const merged = await expectCart(s, 'POST', '/api/cart/merge', { token: customer.token, body: { cartId: guestId } })
    expect(quantities(merged)).toEqual({ [a?.variantId as string]: 2 })
  })

  it('when the customer line already holds more than is available, then the merge does not shrink it', async () => {
    const p = await listProduct(s, 10)
    const variant = p.variants[0]
    const customer = await newCustomer(s)
    await expectCart(s, 'POST', '/api/cart/items', { token: customer.token, body: { variantId: variant?.variantId, quantity: 6 } })
    const guestId = await guestCart([[variant?.variantId as string, 3]])
    await setAvailable(s, variant?.sku as string, 4)
    const merged = await expectCart(s, 'POST', '/api/cart/merge', { token: customer.token, body: { cartId: guestId } })
    expect(quantities(merged)).toEqual({ [variant?.variantId as string]: 6 })
    expect((await call(s, 'GET', '/api/cart', { cartId: guestId })).json<Cart>().id).toBeNull()
  })
})
