import { v4 as uuidv4, v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import {
  call,
  type Cart,
  type Customer,
  expectCart,
  listProduct,
  newCustomer,
  newProduct,
  quantities,
  send,
  setAvailable,
  snapshotOf,
} from './cart.test-kit.ts'

let s: TestServices
let customer: Customer

beforeAll(async () => {
  s = await startTestServices(['identity', 'cart'])
  customer = await newCustomer(s)
})
afterAll(() => s.stop())

interface Problem {
  status: number
  code: string
  detail: string
  available?: number
  inCart?: number
}

describe("a customer's cart", () => {
  it('when a customer adds with a token, then the cart is theirs whatever X-Cart-Id says, and there is one', async () => {
    const shopper = await newCustomer(s)
    const p = await listProduct(s, 10)
    const variantId = p.variants[0]?.variantId
    const first = await call(s, 'POST', '/api/cart/items', { token: shopper.token, cartId: uuidv7(), body: { variantId, quantity: 1 } })
    expect(first.statusCode).toBe(200)
    expect(first.headers['x-cart-id']).toBeUndefined()
    const cart = first.json<Cart>()
    const second = await expectCart(s, 'POST', '/api/cart/items', { token: shopper.token, cartId: 'not-even-a-uuid', body: { variantId, quantity: 1 } })
    expect(second.id).toBe(cart.id)
    expect(quantities(second)).toEqual({ [variantId as string]: 2 })
    expect((await expectCart(s, 'GET', '/api/cart', { token: shopper.token })).id).toBe(cart.id)
    const { rows } = await s.pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM cart.carts WHERE customer_id = $1', [shopper.id])
    expect(rows[0]?.n).toBe(1)
  })

  it('when a customer without a cart looks, then it is empty with a null id', async () => {
    const shopper = await newCustomer(s)
    expect(await expectCart(s, 'GET', '/api/cart', { token: shopper.token })).toMatchObject({ id: null, items: [], itemCount: 0 })
  })

  it('when the catalog changes a price, then the cart shows the new price at once', async () => {
    const p = await listProduct(s, 10, [1000])
    const variant = p.variants[0]
    await expectCart(s, 'POST', '/api/cart/items', { token: customer.token, body: { variantId: variant?.variantId, quantity: 3 } })
    await send(s, 'product.updated', { ...snapshotOf(p), variants: [{ ...variant!, price: { amount: 1250, currency: 'USD' } }] })
    const cart = await expectCart(s, 'GET', '/api/cart', { token: customer.token })
    const line = cart.items.find((i) => i.variantId === variant?.variantId)
    expect(line).toMatchObject({ unitPrice: { amount: 1250 }, lineTotal: { amount: 3750 }, sellable: true })
  })

  it('when a product snapshot older than the one kept arrives late, then it is ignored', async () => {
    const p = await listProduct(s, 10, [1000])
    const variant = p.variants[0]!
    await send(s, 'product.updated', { ...snapshotOf(p), variants: [{ ...variant, price: { amount: 1500, currency: 'USD' } }] })
    await send(s, 'product.updated', { ...snapshotOf(p), variants: [{ ...variant, price: { amount: 900, currency: 'USD' } }] }, new Date(Date.now() - 60_000))
    const shopper = await newCustomer(s)
    const cart = await expectCart(s, 'POST', '/api/cart/items', { token: shopper.token, body: { variantId: variant.variantId, quantity: 1 } })
    expect(cart.items[0]?.unitPrice.amount).toBe(1500)
  })

  it('when inventory reports availability, then lines show it and an older version does not undo a newer one', async () => {
    const p = await listProduct(s, 7)
    const shopper = await newCustomer(s)
    const variant = p.variants[0]!
    expect((await expectCart(s, 'POST', '/api/cart/items', { token: shopper.token, body: { variantId: variant.variantId, quantity: 1 } })).items[0]?.available).toBe(7)
    await send(s, 'inventory.changed', { sku: variant.sku, onHand: 3, reserved: 0, available: 3, version: 10_000 })
    await send(s, 'inventory.changed', { sku: variant.sku, onHand: 50, reserved: 0, available: 50, version: 9_999 })
    expect((await expectCart(s, 'GET', '/api/cart', { token: shopper.token })).items[0]?.available).toBe(3)
  })

  it('when a product is archived, deleted or loses a variant, then its lines stay but are not sold nor counted, and adding them is 404', async () => {
    const shopper = await newCustomer(s)
    const p = await listProduct(s, 10, [100, 200, 300])
    const [a, b, c] = p.variants as [NonNullable<(typeof p.variants)[0]>, NonNullable<(typeof p.variants)[0]>, NonNullable<(typeof p.variants)[0]>]
    const keep = await listProduct(s, 10, [50])
    for (const variantId of [a.variantId, b.variantId, c.variantId, keep.variants[0]?.variantId]) {
      await expectCart(s, 'POST', '/api/cart/items', { token: shopper.token, body: { variantId, quantity: 1 } })
    }
    // The catalog drops variant c: a variant missing from an update is no longer sold.
    await send(s, 'product.updated', { ...snapshotOf(p), variants: [a, b] })
    let cart = await expectCart(s, 'GET', '/api/cart', { token: shopper.token })
    expect(cart.items.find((i) => i.variantId === c.variantId)).toMatchObject({ sellable: false, available: 0 })
    expect(cart).toMatchObject({ subtotal: { amount: 100 + 200 + 50 }, itemCount: 3 })
    expect((await call(s, 'POST', '/api/cart/items', { token: shopper.token, body: { variantId: c.variantId, quantity: 1 } })).statusCode).toBe(404)

    await send(s, 'product.updated', { ...snapshotOf(p), status: 'archived', variants: [a, b] })
    cart = await expectCart(s, 'GET', '/api/cart', { token: shopper.token })
    expect(cart).toMatchObject({ subtotal: { amount: 50 }, itemCount: 1 })
    expect((await call(s, 'POST', '/api/cart/items', { token: shopper.token, body: { variantId: a.variantId, quantity: 1 } })).statusCode).toBe(404)

    await send(s, 'product.updated', { ...snapshotOf(p), status: 'active', variants: [a, b] })
    expect((await expectCart(s, 'GET', '/api/cart', { token: shopper.token })).subtotal.amount).toBe(350)
    await send(s, 'product.deleted', { productId: p.productId, skus: [a.sku, b.sku] })
    cart = await expectCart(s, 'GET', '/api/cart', { token: shopper.token })
    expect(cart.items.filter((i) => i.productId === p.productId).every((i) => !i.sellable && i.available === 0)).toBe(true)
    expect(cart.subtotal.amount).toBe(50)
    expect((await call(s, 'POST', '/api/cart/items', { token: shopper.token, body: { variantId: b.variantId, quantity: 1 } })).statusCode).toBe(404)

    // Restored: the catalog announces the product again.
    await send(s, 'product.updated', { ...snapshotOf(p), status: 'active', variants: [a, b] }, new Date(Date.now() + 1000))
    expect((await expectCart(s, 'GET', '/api/cart', { token: shopper.token })).subtotal.amount).toBe(350)
  })

  it('when the variant is unknown or its product is a draft, then adding it is 404', async () => {
    const draft = newProduct([100], 'draft')
    await send(s, 'product.created', snapshotOf(draft))
    for (const variantId of [uuidv4(), draft.variants[0]?.variantId]) {
      const res = await call(s, 'POST', '/api/cart/items', { token: customer.token, body: { variantId, quantity: 1 } })
      expect(res.statusCode).toBe(404)
      expect(res.json<Problem>().code).toBe('unknown_variant')
    }
  })

  it('when an add would pass what is available, then 409 says how many are, and the line is unchanged', async () => {
    const shopper = await newCustomer(s)
    const p = await listProduct(s, 5)
    const variantId = p.variants[0]?.variantId
    await expectCart(s, 'POST', '/api/cart/items', { token: shopper.token, body: { variantId, quantity: 3 } })
    const res = await call(s, 'POST', '/api/cart/items', { token: shopper.token, body: { variantId, quantity: 3 } })
    expect(res.statusCode).toBe(409)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json<Problem>()).toMatchObject({ code: 'insufficient_stock', available: 5, inCart: 3 })
    expect(res.json<Problem>().detail).toContain('Only 5 available')
    expect(quantities(await expectCart(s, 'GET', '/api/cart', { token: shopper.token }))).toEqual({ [variantId as string]: 3 })
    expect(quantities(await expectCart(s, 'POST', '/api/cart/items', { token: shopper.token, body: { variantId, quantity: 2 } }))).toEqual({ [variantId as string]: 5 })
  })

  it('when nothing of a variant is available or its sku is unknown to inventory, then any add is 409 with 0 available', async () => {
    const p = newProduct([100])
    await send(s, 'product.created', snapshotOf(p))
    const res = await call(s, 'POST', '/api/cart/items', { token: customer.token, body: { variantId: p.variants[0]?.variantId, quantity: 1 } })
    expect(res.statusCode).toBe(409)
    expect(res.json<Problem>().available).toBe(0)
  })

  it('when a line would pass 999 units, then 400 even with stock for it', async () => {
    const shopper = await newCustomer(s)
    const p = await listProduct(s, 5000)
    const variantId = p.variants[0]?.variantId
    await expectCart(s, 'POST', '/api/cart/items', { token: shopper.token, body: { variantId, quantity: 999 } })
    const res = await call(s, 'POST', '/api/cart/items', { token: shopper.token, body: { variantId, quantity: 1 } })
    expect(res.statusCode).toBe(400)
    expect(res.json<Problem>().code).toBe('line_quantity_too_large')
  })

  it('when a line is set above what is available, then 409; when the line is not in the cart, then 404', async () => {
    const shopper = await newCustomer(s)
    const p = await listProduct(s, 4, [100, 200])
    const [a, b] = p.variants
    await expectCart(s, 'POST', '/api/cart/items', { token: shopper.token, body: { variantId: a?.variantId, quantity: 1 } })
    const over = await call(s, 'PATCH', `/api/cart/items/${a?.variantId}`, { token: shopper.token, body: { quantity: 5 } })
    expect(over.statusCode).toBe(409)
    expect(over.json<Problem>().available).toBe(4)
    expect((await call(s, 'PATCH', `/api/cart/items/${b?.variantId}`, { token: shopper.token, body: { quantity: 1 } })).statusCode).toBe(404)
    expect((await call(s, 'PATCH', `/api/cart/items/${b?.variantId}`, { token: shopper.token, body: { quantity: 0 } })).statusCode).toBe(404)
    // Stock fell below the line: it can still be lowered to what is there.
    await setAvailable(s, a?.sku as string, 2)
    expect(quantities(await expectCart(s, 'PATCH', `/api/cart/items/${a?.variantId}`, { token: shopper.token, body: { quantity: 2 } }))).toEqual({ [a?.variantId as string]: 2 })
  })

  it('when the order service reads the cart with the customer\'s token, then each line has what an order line needs', async () => {
    const shopper = await newCustomer(s)
    const p = await listProduct(s, 8, [1234])
    const variant = p.variants[0]!
    await expectCart(s, 'POST', '/api/cart/items', { token: shopper.token, body: { variantId: variant.variantId, quantity: 2 } })
    const cart = await expectCart(s, 'GET', '/api/cart', { token: shopper.token })
    expect(cart.items[0]).toMatchObject({
      variantId: variant.variantId,
      productId: p.productId,
      sku: variant.sku,
      name: p.name,
      unitPrice: { amount: 1234, currency: 'USD' },
      quantity: 2,
      available: 8,
      weightGrams: variant.weightGrams,
      sellable: true,
    })
  })

  it('when a customer retries an add with the same Idempotency-Key, then it counts once', async () => {
    const shopper = await newCustomer(s)
    const p = await listProduct(s, 10)
    const variantId = p.variants[0]?.variantId
    const headers = { 'idempotency-key': `add-${uuidv7()}` }
    const first = await call(s, 'POST', '/api/cart/items', { token: shopper.token, headers, body: { variantId, quantity: 2 } })
    const retry = await call(s, 'POST', '/api/cart/items', { token: shopper.token, headers, body: { variantId, quantity: 2 } })
    expect(first.statusCode).toBe(200)
    expect(retry.statusCode).toBe(200)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(quantities(await expectCart(s, 'GET', '/api/cart', { token: shopper.token }))).toEqual({ [variantId as string]: 2 })
  })

  it('when a customer clears the cart, then 204 and the next look finds none', async () => {
    const shopper = await newCustomer(s)
    const p = await listProduct(s, 10)
    await expectCart(s, 'POST', '/api/cart/items', { token: shopper.token, body: { variantId: p.variants[0]?.variantId, quantity: 1 } })
    expect((await call(s, 'DELETE', '/api/cart', { token: shopper.token })).statusCode).toBe(204)
    expect(await expectCart(s, 'GET', '/api/cart', { token: shopper.token })).toMatchObject({ id: null, items: [] })
  })
})
