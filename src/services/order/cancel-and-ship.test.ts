import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { type StandIns, startStandIns } from './order.fixtures.ts'
import {
  adminToken,
  authorized,
  call,
  confirm,
  type Customer,
  delivered,
  line,
  newCustomer,
  orderOf,
  orderTestEnv,
  type OrderView,
  placeOrder,
  reserved,
  sent,
  sentTypes,
  shipped,
} from './order.test-kit.ts'

let s: TestServices
let standIns: StandIns
let buyer: Customer
let order: OrderView

beforeAll(async () => {
  standIns = await startStandIns()
  s = await startTestServices(['identity', 'order'], { env: orderTestEnv(standIns) })
  buyer = await newCustomer(s)
})
afterAll(async () => {
  await s?.stop()
  await standIns?.close()
})
beforeEach(async () => {
  order = await placeOrder(s, standIns, buyer, [line(1000, 2), line(300, 1)])
})

const cancel = (token: string, id = order.id) => call(s, 'POST', `/api/orders/${id}/cancel`, { token })

describe('a customer cancels', () => {
  it('when the order is still waiting for stock, then it is cancelled and the reservation released, with no payment to void', async () => {
    const res = await cancel(buyer.token)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<OrderView>()).toMatchObject({ status: 'cancelled', cancellationReason: 'customer_cancelled' })
    expect(await sent(s, 'inventory.release', order.id)).toEqual([{ orderId: order.id, reason: 'customer_cancelled' }])
    expect(await sent(s, 'payment.void', order.id)).toEqual([])
    expect(await sent(s, 'order.cancelled', order.id)).toEqual([expect.objectContaining({ reason: 'customer_cancelled', previousStatus: 'pending' })])
  })

  it('when the payment was already asked for, then the stock is released and the payment voided', async () => {
    await reserved(s, order)
    expect((await cancel(buyer.token)).statusCode).toBe(200)
    expect(await sent(s, 'inventory.release', order.id)).toEqual([{ orderId: order.id, reason: 'customer_cancelled' }])
    expect(await sent(s, 'payment.void', order.id)).toEqual([{ orderId: order.id, reason: 'customer_cancelled' }])
    // The authorization landing afterwards is let go as well, and the order stays cancelled.
    await authorized(s, order)
    expect(await sent(s, 'payment.void', order.id)).toHaveLength(2)
    expect((await orderOf(s, buyer.token, order.id)).status).toBe('cancelled')
  })

  it('when the order is confirmed, then the stock is released (restocked) and the payment voided (refunded), from confirmed', async () => {
    await confirm(s, order)
    const res = await cancel(buyer.token)
    expect(res.statusCode, res.body).toBe(200)
    const view = res.json<OrderView>()
    expect(view).toMatchObject({ status: 'cancelled', cancellationReason: 'customer_cancelled' })
    expect(view.history.map((h) => h.status)).toEqual(['pending', 'confirmed', 'cancelled'])
    expect(await sent(s, 'inventory.release', order.id)).toEqual([{ orderId: order.id, reason: 'customer_cancelled' }])
    expect(await sent(s, 'payment.void', order.id)).toEqual([{ orderId: order.id, reason: 'customer_cancelled' }])
    expect(await sent(s, 'order.cancelled', order.id)).toEqual([expect.objectContaining({ previousStatus: 'confirmed', reason: 'customer_cancelled' })])
  })

  it('when the order has shipped, or was cancelled already, then 409 and nothing is sent', async () => {
    await confirm(s, order)
    await shipped(s, order)
    const before = await sentTypes(s, order.id)
    const res = await cancel(buyer.token)
    expect(res.statusCode).toBe(409)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(await sentTypes(s, order.id)).toEqual(before)

    const other = await placeOrder(s, standIns, buyer)
    expect((await cancel(buyer.token, other.id)).statusCode).toBe(200)
    expect((await cancel(buyer.token, other.id)).statusCode).toBe(409)
    expect(await sent(s, 'order.cancelled', other.id)).toHaveLength(1)
  })

  it('when another customer tries, then 404 and the order is untouched; an admin may cancel it', async () => {
    const stranger = await newCustomer(s)
    expect((await cancel(stranger.token)).statusCode).toBe(404)
    expect((await orderOf(s, buyer.token, order.id)).status).toBe('pending')
    const admin = await adminToken(s)
    expect((await cancel(admin)).statusCode).toBe(200)
  })
})

describe('shipment news', () => {
  it('when the shipment is handed to the carrier, then the order is shipped and order.shipped carries the tracking number', async () => {
    await confirm(s, order)
    await shipped(s, order)
    const view = await orderOf(s, buyer.token, order.id)
    expect(view.status).toBe('shipped')
    expect(view.history.map((h) => h.status)).toEqual(['pending', 'confirmed', 'shipped'])
    expect(await sent(s, 'order.shipped', order.id)).toEqual([
      expect.objectContaining({ orderId: order.id, number: order.number, customerId: buyer.id, trackingNumber: '1Z999', carrier: 'UPS' }),
    ])
  })

  it('when it is delivered, then the order is delivered, and order.delivered names every line for reviews', async () => {
    await confirm(s, order)
    await shipped(s, order)
    const at = new Date('2030-01-02T03:04:05.000Z')
    await delivered(s, order, at)
    const view = await orderOf(s, buyer.token, order.id)
    expect(view).toMatchObject({ status: 'delivered', deliveredAt: at.toISOString() })
    const [event] = await sent(s, 'order.delivered', order.id)
    expect(event).toMatchObject({ orderId: order.id, deliveredAt: at.toISOString() })
    expect(event?.lines.map((l) => l.productId)).toEqual(order.items.map((i) => i.productId))
  })

  it('when delivery is the first news after confirmation, then the order is shipped and delivered in one go', async () => {
    await confirm(s, order)
    await delivered(s, order)
    const view = await orderOf(s, buyer.token, order.id)
    expect(view.history.map((h) => h.status)).toEqual(['pending', 'confirmed', 'shipped', 'delivered'])
    expect(await sentTypes(s, order.id)).toMatchObject({ 'order.shipped': 1, 'order.delivered': 1 })
  })

  it('when shipment news comes for a pending or cancelled order, or twice, then nothing changes', async () => {
    await shipped(s, order)
    expect((await orderOf(s, buyer.token, order.id)).status).toBe('pending')
    await cancel(buyer.token)
    await delivered(s, order)
    expect((await orderOf(s, buyer.token, order.id)).status).toBe('cancelled')

    const other = await placeOrder(s, standIns, buyer)
    await confirm(s, other)
    await shipped(s, other)
    await shipped(s, other)
    await delivered(s, other)
    await delivered(s, other)
    expect(await sentTypes(s, other.id)).toMatchObject({ 'order.shipped': 1, 'order.delivered': 1 })
  })
})
