import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningService } from '../../platform/service.ts'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import {
  ADMIN_ENV,
  adminToken,
  authorize,
  call,
  CARDS,
  type Customer,
  delegate,
  FAST,
  newCustomer,
  type PaymentDto,
  paymentWhen,
  type RefundDto,
  send,
  sent,
  simulatorChargesFor,
  startPaymentBeside,
  stopPayment,
  tokenize,
  usd,
} from './payment.test-kit.ts'

let s: TestServices
let pay: RunningService
let admin: string
let customer: Customer
let methodId: string
/** Refunds of these amounts take half a second at the provider. */
const slowAmounts = new Set<number>()

beforeAll(async () => {
  s = await startTestServices(['identity'], { env: ADMIN_ENV })
  pay = await startPaymentBeside(s, {
    ...FAST,
    refundWaitMs: 250,
    wrapProvider: (inner) =>
      delegate(inner, {
        refund: async (ref, amount, key) => {
          if (slowAmounts.has(amount.amount)) await new Promise((r) => setTimeout(r, 600))
          return inner.refund(ref, amount, key)
        },
      }),
  })
  admin = await adminToken(s)
  customer = await newCustomer(s)
  methodId = await tokenize(pay, customer, CARDS.ok)
})
afterAll(async () => {
  await stopPayment(pay)
  await s?.stop()
})

async function captured(amount: number): Promise<{ orderId: string; payment: PaymentDto }> {
  const orderId = await authorize(pay, customer, methodId, amount)
  await paymentWhen(pay, admin, orderId, (p) => p.status === 'authorized')
  await send(pay, 'payment.capture', { orderId })
  return { orderId, payment: await paymentWhen(pay, admin, orderId, (p) => p.status === 'captured') }
}

function refund(paymentId: string, body: unknown, key: string = uuidv7()) {
  return call(pay.app, 'POST', `/api/payments/${paymentId}/refunds`, { token: admin, body, headers: { 'idempotency-key': key } })
}

describe('admin refunds', () => {
  it('when an admin refunds part and then the rest, then the payment goes partially_refunded then refunded, each refund answered 201 and announced', async () => {
    const { orderId, payment } = await captured(5000)
    const part = await refund(payment.id, { amount: usd(1250), reason: 'damaged item' })
    expect(part.statusCode).toBe(201)
    expect(part.json<RefundDto>()).toMatchObject({ paymentId: payment.id, amount: usd(1250), status: 'succeeded', source: 'admin', reason: 'damaged item' })
    expect(await paymentWhen(pay, admin, orderId, () => true)).toMatchObject({ status: 'partially_refunded', refunded: usd(1250) })

    const rest = await refund(payment.id, {})
    expect(rest.statusCode).toBe(201)
    expect(rest.json<RefundDto>()).toMatchObject({ amount: usd(3750), status: 'succeeded' })
    expect(await paymentWhen(pay, admin, orderId, () => true)).toMatchObject({ status: 'refunded', refunded: usd(5000) })
    expect((await sent(s, 'payment.refunded', orderId)).map((r) => [r.amount.amount, r.refundedTotal.amount, r.status])).toEqual([
      [1250, 1250, 'partially_refunded'],
      [3750, 5000, 'refunded'],
    ])
    expect(await simulatorChargesFor(s, orderId)).toEqual([{ status: 'succeeded', captured_minor: 5000, refunded_minor: 5000 }])
  })

  it('when the refund is more than is captured and not yet refunded, then 422 and nothing is refunded', async () => {
    const { orderId, payment } = await captured(1000)
    const over = await refund(payment.id, { amount: usd(1001) })
    expect(over.statusCode).toBe(422)
    expect(over.json()).toMatchObject({ code: 'refund_exceeds_captured', errors: [{ path: 'amount.amount' }] })
    expect((await refund(payment.id, { amount: usd(600) })).statusCode).toBe(201)
    expect((await refund(payment.id, { amount: usd(401) })).statusCode).toBe(422)
    expect((await refund(payment.id, { amount: usd(400) })).statusCode).toBe(201)
    expect((await refund(payment.id, {})).json()).toMatchObject({ status: 422, code: 'nothing_to_refund' })
    expect((await refund(payment.id, { amount: { amount: 100, currency: 'EUR' } })).statusCode).toBe(422)
    expect(await simulatorChargesFor(s, orderId)).toEqual([{ status: 'succeeded', captured_minor: 1000, refunded_minor: 1000 }])
  })

  it('when nothing has been captured, then 422 nothing_captured', async () => {
    const orderId = await authorize(pay, customer, methodId, 700)
    const payment = await paymentWhen(pay, admin, orderId, (p) => p.status === 'authorized')
    const res = await refund(payment.id, {})
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ code: 'nothing_captured' })
  })

  it('when the same request is retried with the same Idempotency-Key, then the same refund is answered and the card refunded once; another body under that key is 422', async () => {
    const { orderId, payment } = await captured(2000)
    const key = uuidv7()
    const first = await refund(payment.id, { amount: usd(500) }, key)
    const again = await refund(payment.id, { amount: usd(500) }, key)
    expect(first.statusCode).toBe(201)
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json<RefundDto>().id).toBe(first.json<RefundDto>().id)
    const other = await refund(payment.id, { amount: usd(600) }, key)
    expect(other.statusCode).toBe(422)
    expect(other.json()).toMatchObject({ code: 'idempotency_key_reused' })
    expect((await paymentWhen(pay, admin, orderId, () => true)).refunds).toHaveLength(1)
    expect(await simulatorChargesFor(s, orderId)).toEqual([{ status: 'succeeded', captured_minor: 2000, refunded_minor: 500 }])
  })

  it('when the provider is still working when the wait runs out, then 202 with status pending, and the refund completes after', async () => {
    const { orderId, payment } = await captured(3000)
    slowAmounts.add(1111)
    const res = await refund(payment.id, { amount: usd(1111) })
    expect(res.statusCode).toBe(202)
    expect(res.json<RefundDto>()).toMatchObject({ status: 'pending', amount: usd(1111) })
    const done = await paymentWhen(pay, admin, orderId, (p) => p.status === 'partially_refunded')
    expect(done.refunds).toEqual([expect.objectContaining({ id: res.json<RefundDto>().id, status: 'succeeded' })])
  })
})

describe('payment.refund commands', () => {
  it('when the same refund command arrives twice, then it refunds once', async () => {
    const { orderId } = await captured(2400)
    const refundId = uuidv7()
    await send(pay, 'payment.refund', { orderId, refundId, amount: usd(400), reason: 'return' })
    await send(pay, 'payment.refund', { orderId, refundId, amount: usd(400), reason: 'return' })
    await paymentWhen(pay, admin, orderId, (p) => p.status === 'partially_refunded')
    await send(pay, 'payment.refund', { orderId, refundId, amount: usd(400), reason: 'return' })
    expect(await sent(s, 'payment.refunded', orderId)).toEqual([expect.objectContaining({ refundId, amount: usd(400) })])
    expect(await simulatorChargesFor(s, orderId)).toEqual([{ status: 'succeeded', captured_minor: 2400, refunded_minor: 400 }])
  })

  it('when a refund command asks for more than is left, then payment.refund_failed exceeds_captured; without an amount it takes the rest', async () => {
    const { orderId } = await captured(1000)
    const tooMuch = uuidv7()
    await send(pay, 'payment.refund', { orderId, refundId: tooMuch, amount: usd(1001), reason: 'return' })
    const rest = uuidv7()
    await send(pay, 'payment.refund', { orderId, refundId: rest, reason: 'return' })
    const payment = await paymentWhen(pay, admin, orderId, (p) => p.status === 'refunded')
    expect(await sent(s, 'payment.refund_failed', orderId)).toEqual([expect.objectContaining({ refundId: tooMuch, reason: 'exceeds_captured' })])
    expect(await sent(s, 'payment.refunded', orderId)).toEqual([expect.objectContaining({ refundId: rest, amount: usd(1000), status: 'refunded' })])
    expect(payment.refunds.map((r) => [r.id, r.status])).toEqual([
      [tooMuch, 'failed'],
      [rest, 'succeeded'],
    ])
  })

  it('when the order has no payment, then payment.refund_failed no_payment', async () => {
    const orderId = uuidv7()
    const refundId = uuidv7()
    await send(pay, 'payment.refund', { orderId, refundId, reason: 'return' })
    expect(await sent(s, 'payment.refund_failed', orderId)).toEqual([expect.objectContaining({ refundId, reason: 'no_payment' })])
  })
})
