import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { type StandIns, startStandIns } from './order.fixtures.ts'
import {
  authorized,
  captured,
  committed,
  confirm,
  type Customer,
  deps,
  envelope,
  line,
  newCustomer,
  orderOf,
  orderTestEnv,
  type OrderView,
  PAYMENT_ID,
  paymentFailed,
  placeOrder,
  reserved,
  send,
  sent,
  sentTypes,
} from './order.test-kit.ts'
import { sweepDeadlines } from './sweep-deadlines.ts'

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
  order = await placeOrder(s, standIns, buyer, [line(1000, 2), line(250, 1)])
})

async function sagaOf(orderId: string): Promise<{ step: string; hasDeadline: boolean }> {
  const { rows } = await s.pglite.query<{ step: string; hasDeadline: boolean }>(
    `SELECT saga_step AS step, step_deadline IS NOT NULL AS "hasDeadline" FROM ordering.orders WHERE id = $1`,
    [orderId],
  )
  if (!rows[0]) throw new Error(`no order ${orderId}`)
  return rows[0]
}

async function expireNow(orderId: string): Promise<void> {
  await s.pglite.query(`UPDATE ordering.orders SET step_deadline = now() - interval '1 second' WHERE id = $1`, [orderId])
}

describe('the checkout saga', () => {
  it('when stock is reserved, then payment.authorize is sent for the total on the customer’s card, with a new deadline', async () => {
    await reserved(s, order)
    expect(await sent(s, 'payment.authorize', order.id)).toEqual([
      { orderId: order.id, customerId: buyer.id, email: buyer.email, amount: { amount: 2750, currency: 'USD' }, paymentMethodId: expect.stringMatching(/^pm_/) },
    ])
    expect(await sagaOf(order.id)).toEqual({ step: 'authorizing', hasDeadline: true })
    expect((await orderOf(s, buyer.token, order.id)).status).toBe('pending')
  })

  it('when the payment is authorized, then the order is confirmed, stock committed and the payment captured, and order.confirmed tells the rest', async () => {
    await reserved(s, order)
    await authorized(s, order)
    const view = await orderOf(s, buyer.token, order.id)
    expect(view).toMatchObject({ status: 'confirmed', payment: { status: 'authorized' } })
    expect(view.history.map((h) => h.status)).toEqual(['pending', 'confirmed'])
    expect(await sent(s, 'inventory.commit', order.id)).toEqual([{ orderId: order.id }])
    expect(await sent(s, 'payment.capture', order.id)).toEqual([{ orderId: order.id }])
    const [confirmed] = await sent(s, 'order.confirmed', order.id)
    expect(confirmed).toMatchObject({
      orderId: order.id,
      number: order.number,
      customerId: buyer.id,
      email: buyer.email,
      total: { amount: 2750, currency: 'USD' },
      shippingMethod: { name: 'Standard' },
      shippingAddress: { country: 'US' },
    })
    expect(confirmed?.lines.map((l) => [l.sku, l.quantity, l.unitPrice.amount])).toEqual(order.items.map((i) => [i.sku, i.quantity, i.unitPrice.amount]))
    // The capture step has a deadline of its own, as every step does.
    expect(await sagaOf(order.id)).toEqual({ step: 'capturing', hasDeadline: true })

    await committed(s, order)
    await captured(s, order)
    expect((await orderOf(s, buyer.token, order.id)).payment.status).toBe('captured')
    expect(await sagaOf(order.id)).toEqual({ step: 'done', hasDeadline: false })
  })

  it('when the card is declined, then the order is cancelled (payment_declined, the processor’s message) and the stock released', async () => {
    await reserved(s, order)
    await paymentFailed(s, order, 'declined', 'Your card was declined.')
    const view = await orderOf(s, buyer.token, order.id)
    expect(view).toMatchObject({ status: 'cancelled', cancellationReason: 'payment_declined', cancellationDetail: 'Your card was declined.', payment: { status: 'failed' } })
    expect(view.history.map((h) => h.status)).toEqual(['pending', 'cancelled'])
    expect(await sent(s, 'inventory.release', order.id)).toEqual([{ orderId: order.id, reason: 'payment_declined' }])
    expect(await sent(s, 'order.cancelled', order.id)).toEqual([
      expect.objectContaining({ reason: 'payment_declined', detail: 'Your card was declined.', previousStatus: 'pending', total: { amount: 2750, currency: 'USD' } }),
    ])
    expect(await sent(s, 'payment.void', order.id)).toEqual([])
  })

  it('when the processor fails, then the order is cancelled payment_declined with a detail saying so', async () => {
    await reserved(s, order)
    await paymentFailed(s, order, 'processor_error', 'upstream timeout')
    expect(await orderOf(s, buyer.token, order.id)).toMatchObject({ cancellationReason: 'payment_declined', cancellationDetail: 'The card processor failed: upstream timeout' })
  })

  it('when stock cannot be reserved, then the order is cancelled out_of_stock naming the skus, and no payment is asked for', async () => {
    const [short] = order.items
    await send(s, 'inventory.reservation_failed', { orderId: order.id, reason: 'out_of_stock', shortages: [{ sku: short!.sku, requested: 2, available: 1 }] })
    const view = await orderOf(s, buyer.token, order.id)
    expect(view).toMatchObject({ status: 'cancelled', cancellationReason: 'out_of_stock' })
    expect(view.cancellationDetail).toContain(short!.sku)
    expect(await sentTypes(s, order.id)).toEqual({ 'inventory.reserve': 1, 'order.cancelled': 1 })
    expect(await sent(s, 'order.cancelled', order.id)).toEqual([expect.objectContaining({ reason: 'out_of_stock', previousStatus: 'pending' })])
  })

  it('when the reservation expired before the commit, then the payment is voided and the order cancelled (timeout) from confirmed', async () => {
    await reserved(s, order)
    await authorized(s, order)
    await send(s, 'inventory.commit_failed', { orderId: order.id, reason: 'expired' })
    expect(await orderOf(s, buyer.token, order.id)).toMatchObject({ status: 'cancelled', cancellationReason: 'timeout' })
    expect(await sent(s, 'payment.void', order.id)).toEqual([{ orderId: order.id, reason: 'timeout' }])
    expect(await sent(s, 'order.cancelled', order.id)).toEqual([expect.objectContaining({ reason: 'timeout', previousStatus: 'confirmed' })])
  })

  it('when the capture fails, then the stock is released and the order cancelled payment_declined', async () => {
    await reserved(s, order)
    await authorized(s, order)
    await send(s, 'payment.capture_failed', { orderId: order.id, paymentId: PAYMENT_ID, customerId: buyer.id, email: buyer.email, reason: 'expired_authorization', message: 'The authorization expired.' })
    expect(await orderOf(s, buyer.token, order.id)).toMatchObject({ status: 'cancelled', cancellationReason: 'payment_declined', payment: { status: 'failed' } })
    expect(await sent(s, 'inventory.release', order.id)).toEqual([{ orderId: order.id, reason: 'payment_declined' }])
  })
})

describe('late and repeated news', () => {
  it('when the payment is authorized after the order timed out, then it is voided and the order stays cancelled', async () => {
    await reserved(s, order)
    await expireNow(order.id)
    expect(await sweepDeadlines(deps(s))).toBeGreaterThanOrEqual(1)
    expect(await sent(s, 'payment.void', order.id)).toEqual([{ orderId: order.id, reason: 'timeout' }])

    await authorized(s, order)
    expect(await sent(s, 'payment.void', order.id)).toHaveLength(2)
    expect(await sent(s, 'inventory.commit', order.id)).toEqual([])
    expect(await sent(s, 'payment.capture', order.id)).toEqual([])
    expect(await orderOf(s, buyer.token, order.id)).toMatchObject({ status: 'cancelled', cancellationReason: 'timeout', payment: { status: 'authorized' } })
    await send(s, 'payment.voided', { orderId: order.id, paymentId: PAYMENT_ID, customerId: buyer.id, email: buyer.email, reason: 'timeout' })
    expect((await orderOf(s, buyer.token, order.id)).payment.status).toBe('voided')
  })

  it('when stock is reserved after the order timed out, then the reservation is released again', async () => {
    await expireNow(order.id)
    await sweepDeadlines(deps(s))
    await reserved(s, order)
    expect(await sent(s, 'inventory.release', order.id)).toEqual([
      { orderId: order.id, reason: 'timeout' },
      { orderId: order.id, reason: 'timeout' },
    ])
    expect(await sent(s, 'payment.authorize', order.id)).toEqual([])
  })

  it('when the same message is delivered twice, or the same news comes again under a new id, then nothing changes the second time', async () => {
    const first = envelope('inventory.reserved', { orderId: order.id, lines: [], expiresAt: new Date(Date.now() + 60_000).toISOString() })
    await s.get('order').consumer.handle(first)
    await s.get('order').consumer.handle(first)
    await reserved(s, order)
    expect(await sent(s, 'payment.authorize', order.id)).toHaveLength(1)

    await authorized(s, order)
    await authorized(s, order)
    const view = await orderOf(s, buyer.token, order.id)
    expect(view.history.map((h) => h.status)).toEqual(['pending', 'confirmed'])
    expect(await sentTypes(s, order.id)).toEqual({
      'inventory.commit': 1,
      'inventory.reserve': 1,
      'order.confirmed': 1,
      'payment.authorize': 1,
      'payment.capture': 1,
    })
    await paymentFailed(s, order)
    expect((await orderOf(s, buyer.token, order.id)).status).toBe('confirmed')
  })

  it('when a message names an order ordering does not know, then it is ignored without failing', async () => {
    await expect(send(s, 'inventory.reserved', { orderId: '0195f7a0-0000-7000-8000-0000000000ff', lines: [], expiresAt: new Date().toISOString() })).resolves.toBeDefined()
  })
})

describe('where the money stands', () => {
  it('when the payment is captured, refunded in part, then disputed, then the order’s payment follows and shows what was refunded', async () => {
    await confirm(s, order)
    const ref = { orderId: order.id, paymentId: PAYMENT_ID, customerId: buyer.id, email: buyer.email }
    await send(s, 'payment.refunded', { ...ref, refundId: '0195f7a0-0000-7000-8000-0000000000aa', amount: { amount: 500, currency: 'USD' }, refundedTotal: { amount: 500, currency: 'USD' }, status: 'partially_refunded' })
    expect((await orderOf(s, buyer.token, order.id)).payment).toMatchObject({ status: 'partially_refunded', refunded: { amount: 500 } })
    await send(s, 'payment.disputed', { ...ref, amount: { amount: 2250, currency: 'USD' }, reason: 'fraudulent' })
    expect((await orderOf(s, buyer.token, order.id)).payment).toMatchObject({ status: 'disputed', refunded: { amount: 500 } })
    await captured(s, order)
    expect((await orderOf(s, buyer.token, order.id)).payment.status).toBe('disputed')
  })
})
