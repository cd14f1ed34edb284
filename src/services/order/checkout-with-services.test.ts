import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, startTestServices, type TestServices } from '../../../test/support/services.ts'
import type { ServiceName } from '../../platform/config.ts'
import { ADDRESS, ADMIN_ENV, adminToken, type Customer, newCustomer, type OrderView, QUIET_SWEEPER } from './order.test-kit.ts'

/**
 * Ordering with the real services it talks to (cart, payment, shipping over HTTP; inventory and
 * payment over the in-process bus): the saga runs by itself, with nothing delivered by hand.
 */
let s: TestServices
let admin: string

beforeAll(async () => {
  s = await startTestServices(['identity', 'catalog', 'inventory', 'cart', 'order', 'payment', 'shipping'], {
    listen: true,
    env: { ...ADMIN_ENV, ...QUIET_SWEEPER },
  })
  admin = await adminToken(s)
}, 120_000)
afterAll(() => s?.stop())

async function ask(service: ServiceName, method: 'GET' | 'POST', url: string, token?: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await s.get(service).app.inject({
    method,
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
  })
  return { status: res.statusCode, body: res.json(), text: res.body }
}

let counter = 0
async function listProduct(price: number, stock: number): Promise<{ productId: string; variantId: string; sku: string }> {
  counter += 1
  const sku = `ORD-REAL-${process.pid}-${Date.now().toString(36)}-${counter}`.toUpperCase()
  const res = await ask('catalog', 'POST', '/api/products', admin, {
    name: `Order test product ${sku}`,
    brand: 'Test Bench',
    description: 'Made by an order test.',
    status: 'active',
    images: [],
    options: [],
    variants: [{ sku, title: 'Default', options: {}, price: { amount: price, currency: 'USD' }, weightGrams: 300, initialStock: stock }],
  })
  expect(res.status, res.text).toBe(201)
  const variantId = res.body.variants[0].id as string
  await eventually(async () => (await ask('cart', 'POST', '/api/cart/items', undefined, { variantId, quantity: 1 })).status < 300, 10_000, `the cart to know ${sku}`)
  await eventually(async () => (await ask('inventory', 'GET', `/api/inventory/${sku}`)).status === 200, 10_000, `inventory to know ${sku}`)
  return { productId: res.body.id as string, variantId, sku }
}

async function addToCart(buyer: Customer, variantId: string, quantity: number): Promise<void> {
  const added = await ask('cart', 'POST', '/api/cart/items', buyer.token, { variantId, quantity })
  expect(added.status, added.text).toBeLessThan(300)
}

async function checkout(buyer: Customer, variantId: string, quantity: number, cardNumber = '4242424242424242') {
  const quote = await ask('shipping', 'POST', '/api/shipping/quote', undefined, { address: { country: 'US', postalCode: ADDRESS.postalCode }, items: [{ variantId, quantity }] })
  expect(quote.status, quote.text).toBe(200)
  const method = quote.body[0] as { methodId: string; price: { amount: number } }
  const placed = await ask(
    'order',
    'POST',
    '/api/orders',
    buyer.token,
    { shippingAddress: ADDRESS, shippingMethodId: method.methodId, payment: { method: 'card', cardNumber, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' } },
    { 'idempotency-key': randomUUID() },
  )
  expect(placed.status, placed.text).toBe(202)
  return { order: placed.body as OrderView, shipping: method.price.amount }
}

async function settled(buyer: Customer, id: string, done: (o: OrderView) => boolean, what: string): Promise<OrderView> {
  return eventually(async () => {
    const o = (await ask('order', 'GET', `/api/orders/${id}`, buyer.token)).body as OrderView
    return done(o) ? o : undefined
  }, 20_000, what)
}

describe('checkout with the real services', () => {
  it('when the card is good, then the saga confirms the order by itself: stock committed, payment captured', async () => {
    const item = await listProduct(1250, 5)
    const buyer = await newCustomer(s)
    await addToCart(buyer, item.variantId, 2)
    const { order, shipping } = await checkout(buyer, item.variantId, 2)
    expect(order).toMatchObject({ status: 'pending', total: { amount: 2500 + shipping } })
    const done = await settled(buyer, order.id, (o) => o.status === 'confirmed' && o.payment.status === 'captured', 'confirmed and captured')
    expect(done.history.map((h) => h.status)).toEqual(['pending', 'confirmed'])
    await eventually(async () => {
      const level = await ask('inventory', 'GET', `/api/inventory?q=${item.sku}`, admin)
      return level.body.items[0]?.onHand === 3 && level.body.items[0]?.reserved === 0
    }, 10_000, 'stock committed')
  })

  it('when the card is declined, then the order is cancelled payment_declined and the stock is back', async () => {
    const item = await listProduct(900, 4)
    const buyer = await newCustomer(s)
    await addToCart(buyer, item.variantId, 1)
    const { order } = await checkout(buyer, item.variantId, 1, '4000000000000002')
    const done = await settled(buyer, order.id, (o) => o.status === 'cancelled', 'cancelled')
    expect(done.cancellationReason).toBe('payment_declined')
    await eventually(async () => (await ask('inventory', 'GET', `/api/inventory/${item.sku}`)).body.available === 4, 10_000, 'stock released')
  })

  it('when stock ran out before checkout, then the order is cancelled out_of_stock and no payment is asked for', async () => {
    const item = await listProduct(900, 1)
    const buyer = await newCustomer(s)
    await addToCart(buyer, item.variantId, 1)
    const adjusted = await ask('inventory', 'POST', `/api/inventory/${item.sku}/adjustments`, admin, { delta: -1, reason: 'damaged' })
    expect(adjusted.status, adjusted.text).toBe(200)
    const { order } = await checkout(buyer, item.variantId, 1)
    const done = await settled(buyer, order.id, (o) => o.status === 'cancelled', 'cancelled')
    expect(done.cancellationReason).toBe('out_of_stock')
    expect(done.cancellationDetail).toContain(item.sku)
  })
})
