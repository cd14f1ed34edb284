import type { PGliteInterface } from '@electric-sql/pglite'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSystem, startEmbedded } from '../../src/launch.ts'
import { testConfig } from '../support/config.ts'
import { eventually } from '../support/eventually.ts'
import { client } from '../support/http.ts'
import { migratedPglite } from '../support/pglite.ts'
import {
  ADDRESS,
  addToCart,
  CARDS,
  cheapestMethod,
  listProduct,
  login,
  newCustomer,
  paymentOf,
  placeOrder,
  settled,
  type Shop,
  stockOf,
} from './checkout-kit.ts'

const ADMIN = { email: 'checkout-admin@example.com', password: 'Checkout-Admin1' }

let system: RunningSystem
let pglite: PGliteInterface
let shop: Shop
let admin: string

beforeAll(async () => {
  pglite = await migratedPglite()
  system = await startEmbedded(testConfig({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }), { pglite })
  shop = client(system.url!)
  admin = await login(shop, ADMIN)
})
afterAll(async () => {
  await system?.stop()
  await pglite?.close()
})

describe('checkout, embedded, over HTTP through the gateway', () => {
  it('a shopper browses, fills a cart, gets a quote and checks out: confirmed, captured, stock committed, cart empty, confirmation in the inbox', async () => {
    const tonic = await listProduct(shop, admin, { price: 1250, stock: 8, name: 'Ginger Lemon Tonic' })
    const shopper = await newCustomer(shop, 'Hana')

    const found = await eventually(async () => {
      const res = await shop.get('/api/products?q=ginger%20tonic')
      return res.body.items.some((p: { id: string }) => p.id === tonic.productId) ? res : undefined
    }, 10_000, 'the product in search')
    expect(found.status).toBe(200)
    await addToCart(shop, shopper.token, tonic.variantId, 2)
    const cart = await shop.get('/api/cart', { token: shopper.token })
    expect(cart.body).toMatchObject({ itemCount: 2, subtotal: { amount: 2500, currency: 'USD' } })

    const method = await cheapestMethod(shop, [{ variantId: tonic.variantId, quantity: 2 }])
    const placed = await placeOrder(shop, shopper.token, { shippingMethodId: method.methodId })
    expect(placed.status, placed.text).toBe(202)
    expect(placed.body.status).toBe('pending')
    expect(placed.body.total).toEqual({ amount: 2500 + method.price.amount, currency: 'USD' })

    const order = await settled(shop, shopper.token, placed.body.id)
    expect(order.status).toBe('confirmed')
    expect(order.number).toMatch(/^[A-Z0-9-]{6,}$/)
    await eventually(async () => (await paymentOf(shop, shopper.token, order.id))?.status === 'captured', 10_000, 'payment captured')
    await eventually(async () => {
      const level = await stockOf(shop, admin, tonic.sku)
      return level.onHand === 6 && level.reserved === 0
    }, 10_000, 'stock committed')
    await eventually(async () => (await shop.get('/api/cart', { token: shopper.token })).body.itemCount === 0, 10_000, 'cart emptied')
    const inbox = await eventually(async () => {
      const res = await shop.get('/api/notifications', { token: shopper.token })
      return res.body.items.find((n: { template: string }) => n.template === 'order_confirmed')
    }, 10_000, 'confirmation notification')
    expect(inbox.subject).toContain(order.number)
  })

  it('when the card is declined, then the order is cancelled (payment_declined), stock released and nothing captured', async () => {
    const item = await listProduct(shop, admin, { stock: 5 })
    const shopper = await newCustomer(shop)
    await addToCart(shop, shopper.token, item.variantId, 3)
    const method = await cheapestMethod(shop, [{ variantId: item.variantId, quantity: 3 }])
    const placed = await placeOrder(shop, shopper.token, { shippingMethodId: method.methodId, card: CARDS.declined })
    expect(placed.status, placed.text).toBe(202)

    const order = await settled(shop, shopper.token, placed.body.id)
    expect(order).toMatchObject({ status: 'cancelled', cancellationReason: 'payment_declined' })
    await eventually(async () => (await stockOf(shop, admin, item.sku)).available === 5, 10_000, 'stock released')
    const payment = await paymentOf(shop, shopper.token, order.id)
    expect(payment?.status).toBe('failed')
    expect(payment?.events.map((e) => e.type)).not.toContain('captured')
    const cart = await shop.get('/api/cart', { token: shopper.token })
    expect(cart.body.itemCount).toBe(3)
  })

  it('when stock runs out between add and checkout, then the order is cancelled (out_of_stock) and the cart keeps its lines', async () => {
    const item = await listProduct(shop, admin, { stock: 2 })
    const shopper = await newCustomer(shop)
    await addToCart(shop, shopper.token, item.variantId, 2)
    const method = await cheapestMethod(shop, [{ variantId: item.variantId, quantity: 2 }])
    const sold = await shop.post(`/api/inventory/${item.sku}/adjustments`, { delta: -2, reason: 'damaged' }, { token: admin })
    expect(sold.status, sold.text).toBe(200)

    const placed = await placeOrder(shop, shopper.token, { shippingMethodId: method.methodId })
    expect(placed.status, placed.text).toBe(202)
    const order = await settled(shop, shopper.token, placed.body.id)
    expect(order).toMatchObject({ status: 'cancelled', cancellationReason: 'out_of_stock' })
    expect(await paymentOf(shop, shopper.token, order.id)).toBeUndefined()
    const cart = await eventually(async () => {
      const res = await shop.get('/api/cart', { token: shopper.token })
      return res.body.itemCount === 2 ? res.body : undefined
    }, 10_000, 'cart restored')
    expect(cart.items[0]).toMatchObject({ variantId: item.variantId, quantity: 2 })
  })

  it('when a confirmed order is cancelled by the customer, then the payment is refunded and the stock restocked', async () => {
    const item = await listProduct(shop, admin, { stock: 4, price: 2000 })
    const shopper = await newCustomer(shop)
    await addToCart(shop, shopper.token, item.variantId, 1)
    const method = await cheapestMethod(shop, [{ variantId: item.variantId, quantity: 1 }])
    const placed = await placeOrder(shop, shopper.token, { shippingMethodId: method.methodId })
    const order = await settled(shop, shopper.token, placed.body.id)
    expect(order.status).toBe('confirmed')
    await eventually(async () => (await paymentOf(shop, shopper.token, order.id))?.status === 'captured', 10_000, 'captured')
    await eventually(async () => (await stockOf(shop, admin, item.sku)).onHand === 3, 10_000, 'committed')

    const cancelled = await shop.post(`/api/orders/${order.id}/cancel`, {}, { token: shopper.token })
    expect(cancelled.status, cancelled.text).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')
    await eventually(async () => (await paymentOf(shop, shopper.token, order.id))?.status === 'refunded', 10_000, 'refunded')
    await eventually(async () => {
      const level = await stockOf(shop, admin, item.sku)
      return level.onHand === 4 && level.available === 4
    }, 10_000, 'restocked')
  })

  it('when part of a delivered order is returned and approved, then that part is refunded and restocked', async () => {
    const item = await listProduct(shop, admin, { stock: 6, price: 1500 })
    const shopper = await newCustomer(shop)
    await addToCart(shop, shopper.token, item.variantId, 2)
    const method = await cheapestMethod(shop, [{ variantId: item.variantId, quantity: 2 }])
    const placed = await placeOrder(shop, shopper.token, { shippingMethodId: method.methodId })
    const order = await settled(shop, shopper.token, placed.body.id)
    expect(order.status).toBe('confirmed')

    const shipment = await eventually(async () => {
      const res = await shop.post('/api/shipments', { orderId: order.id }, { token: admin })
      return res.status === 201 ? res.body : undefined
    }, 10_000, 'a shipment for the confirmed order')
    expect((await shop.patch(`/api/shipments/${shipment.id}`, { status: 'in_transit' }, { token: admin })).status).toBe(200)
    await settled(shop, shopper.token, order.id, ['shipped'])
    const late = await shop.post(`/api/orders/${order.id}/cancel`, {}, { token: shopper.token })
    expect(late.status).toBe(409)
    expect((await shop.patch(`/api/shipments/${shipment.id}`, { status: 'delivered' }, { token: admin })).status).toBe(200)
    await settled(shop, shopper.token, order.id, ['delivered'])
    await eventually(async () => (await paymentOf(shop, shopper.token, order.id))?.status === 'captured', 10_000, 'captured')
    await eventually(async () => (await stockOf(shop, admin, item.sku)).onHand === 4, 10_000, 'committed')

    const requested = await shop.post(`/api/orders/${order.id}/returns`, { items: [{ variantId: item.variantId, quantity: 1 }], reason: 'Too many' }, { token: shopper.token })
    expect(requested.status, requested.text).toBe(201)
    expect(requested.body.refund).toEqual({ amount: 1500, currency: 'USD' })
    const approved = await shop.post(`/api/admin/returns/${requested.body.id}/approve`, {}, { token: admin })
    expect(approved.status, approved.text).toBe(200)

    const payment = await eventually(async () => {
      const p = await paymentOf(shop, shopper.token, order.id)
      return p?.status === 'partially_refunded' ? p : undefined
    }, 10_000, 'partial refund')
    expect(payment.refunded.amount).toBe(1500)
    await eventually(async () => (await stockOf(shop, admin, item.sku)).onHand === 5, 10_000, 'one unit restocked')
    const review = await shop.post(`/api/products/${item.productId}/reviews`, { rating: 4, title: 'Good' }, { token: shopper.token })
    expect(review.status, review.text).toBe(201)
  })

  it('the same POST /api/orders twice with one Idempotency-Key makes one order and one charge', async () => {
    const item = await listProduct(shop, admin, { stock: 5 })
    const shopper = await newCustomer(shop)
    await addToCart(shop, shopper.token, item.variantId, 1)
    const method = await cheapestMethod(shop, [{ variantId: item.variantId, quantity: 1 }])
    const key = randomUUID()
    const first = await placeOrder(shop, shopper.token, { shippingMethodId: method.methodId, key })
    const second = await placeOrder(shop, shopper.token, { shippingMethodId: method.methodId, key })
    expect(first.status, first.text).toBe(202)
    expect(second.status).toBe(202)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(second.body.id).toBe(first.body.id)

    await settled(shop, shopper.token, first.body.id)
    const orders = await shop.get('/api/orders', { token: shopper.token })
    expect(orders.body.total).toBe(1)
    const payments = await shop.get('/api/payments', { token: shopper.token })
    expect(payments.body.total).toBe(1)
  })

  it('four POST /api/orders from one cart at once, each with its own key, make one order and one captured payment; the others are refused', async () => {
    const item = await listProduct(shop, admin, { stock: 5 })
    const shopper = await newCustomer(shop)
    await addToCart(shop, shopper.token, item.variantId, 1)
    const method = await cheapestMethod(shop, [{ variantId: item.variantId, quantity: 1 }])
    const answers = await Promise.all(Array.from({ length: 4 }, () => placeOrder(shop, shopper.token, { shippingMethodId: method.methodId })))
    expect(answers.filter((a) => a.status === 202)).toHaveLength(1)
    // Refused while the first is pending (409), or once it is confirmed and the cart emptied (422).
    for (const refused of answers.filter((a) => a.status !== 202)) {
      expect([`409 checkout_in_progress`, `422 cart_empty`]).toContain(`${refused.status} ${refused.body.code}`)
    }

    const placed = answers.find((a) => a.status === 202)!
    expect((await settled(shop, shopper.token, placed.body.id)).status).toBe('confirmed')
    await eventually(async () => (await paymentOf(shop, shopper.token, placed.body.id))?.status === 'captured', 10_000, 'payment captured')
    expect((await shop.get('/api/orders', { token: shopper.token })).body.total).toBe(1)
    expect((await shop.get('/api/payments', { token: shopper.token })).body.total).toBe(1)
    await eventually(async () => (await shop.get('/api/cart', { token: shopper.token })).body.itemCount === 0, 10_000, 'cart emptied')
  })

  it('an order without an Idempotency-Key, or with an empty cart, gets a 4xx problem', async () => {
    const shopper = await newCustomer(shop)
    const methods = await shop.get('/api/shipping/methods')
    const method = { methodId: methods.body[0].id as string }
    const noKey = await shop.post('/api/orders', { shippingAddress: ADDRESS, shippingMethodId: method.methodId, payment: { method: 'card', cardNumber: CARDS.ok, expMonth: 1, expYear: 2099, cvc: '123' } }, { token: shopper.token })
    expect(noKey.status).toBe(400)
    expect(noKey.headers.get('content-type')).toContain('application/problem+json')
    const empty = await placeOrder(shop, shopper.token, { shippingMethodId: method.methodId })
    expect(empty.status).toBe(422)
    expect(empty.headers.get('content-type')).toContain('application/problem+json')
  })

  it('a provider webhook through the gateway without a valid signature is 400 problem+json', async () => {
    const unsigned = await shop.post('/api/payments/webhooks/simulator', { id: 'evt_1', type: 'charge.dispute.created' })
    expect(unsigned.status).toBe(400)
    expect(unsigned.headers.get('content-type')).toContain('application/problem+json')
    const forged = await shop.post('/api/payments/webhooks/simulator', { id: 'evt_2' }, { headers: { 'simulator-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` } })
    expect(forged.status).toBe(400)
  })
})
