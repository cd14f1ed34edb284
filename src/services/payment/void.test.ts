import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningService } from '../../platform/service.ts'
import { eventually, startTestServices, type TestServices } from '../../../test/support/services.ts'
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
/** Authorizations of orders in this set wait until the test opens the gate. */
const gated = new Set<string>()
let openGate: () => void = () => {}
let gate = Promise.resolve()

beforeAll(async () => {
  s = await startTestServices(['identity'], { env: ADMIN_ENV })
  pay = await startPaymentBeside(s, {
    ...FAST,
    wrapProvider: (inner) =>
      delegate(inner, {
        authorize: async (amount, method, key, ref) => {
          if (gated.has(ref.orderId)) await gate
          return inner.authorize(amount, method, key, ref)
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

async function authorized(amount = 2000): Promise<{ orderId: string; payment: PaymentDto }> {
  const orderId = await authorize(pay, customer, methodId, amount)
  return { orderId, payment: await paymentWhen(pay, admin, orderId, (p) => p.status === 'authorized') }
}

async function captured(amount = 2000): Promise<{ orderId: string; payment: PaymentDto }> {
  const { orderId } = await authorized(amount)
  await send(pay, 'payment.capture', { orderId })
  return { orderId, payment: await paymentWhen(pay, admin, orderId, (p) => p.status === 'captured') }
}

describe('payment.void: the order no longer wants the money', () => {
  it('when the payment is authorized, then the hold is voided, payment.voided is sent, and the provider’s confirmation lands in the history', async () => {
    const { orderId, payment } = await authorized()
    await send(pay, 'payment.void', { orderId, reason: 'timeout' })
    await paymentWhen(pay, admin, orderId, (p) => p.status === 'voided')
    expect(await sent(s, 'payment.voided', orderId)).toEqual([
      { orderId, paymentId: payment.id, customerId: customer.id, email: customer.email, reason: 'timeout' },
    ])
    expect(await simulatorChargesFor(s, orderId)).toEqual([{ status: 'canceled', captured_minor: 0, refunded_minor: 0 }])
    const confirmed = await paymentWhen(pay, admin, orderId, (p) => p.events.some((e) => e.type === 'provider_void_confirmed'))
    expect(confirmed.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['authorization_requested', 'authorized', 'void_requested', 'voided', 'provider_void_confirmed']),
    )
  })

  it('when the payment is captured, then it is refunded in full and payment.refunded (not payment.voided) answers, with a new refund id', async () => {
    const { orderId, payment } = await captured(3300)
    await send(pay, 'payment.void', { orderId, reason: 'customer_cancelled' })
    const refunded = await paymentWhen(pay, admin, orderId, (p) => p.status === 'refunded')
    expect(refunded.refunded).toEqual(usd(3300))
    expect(refunded.refunds).toEqual([expect.objectContaining({ amount: usd(3300), status: 'succeeded', source: 'void', reason: 'customer_cancelled' })])
    const [answer] = await sent(s, 'payment.refunded', orderId)
    expect(answer).toEqual({
      orderId,
      paymentId: payment.id,
      customerId: customer.id,
      email: customer.email,
      refundId: refunded.refunds[0]?.id,
      amount: usd(3300),
      refundedTotal: usd(3300),
      status: 'refunded',
    })
    expect(await sent(s, 'payment.voided', orderId)).toEqual([])
    expect(await simulatorChargesFor(s, orderId)).toEqual([{ status: 'succeeded', captured_minor: 3300, refunded_minor: 3300 }])
  })

  it('when part of a captured payment was refunded, then the void refunds the rest', async () => {
    const { orderId } = await captured(1000)
    await send(pay, 'payment.refund', { orderId, refundId: uuidv7(), amount: usd(300), reason: 'return' })
    await paymentWhen(pay, admin, orderId, (p) => p.status === 'partially_refunded')
    await send(pay, 'payment.void', { orderId, reason: 'customer_cancelled' })
    const payment = await paymentWhen(pay, admin, orderId, (p) => p.status === 'refunded')
    expect(payment.refunds.map((r) => r.amount)).toEqual([usd(300), usd(700)])
    expect((await sent(s, 'payment.refunded', orderId)).map((r) => r.refundedTotal)).toEqual([usd(300), usd(1000)])
  })

  it('when the authorization is still with the provider, then it is voided as soon as it lands', async () => {
    const orderId = uuidv7()
    gated.add(orderId)
    gate = new Promise((resolve) => {
      openGate = resolve
    })
    await authorize(pay, customer, methodId, 1500, orderId)
    await send(pay, 'payment.void', { orderId, reason: 'timeout' })
    expect((await paymentWhen(pay, admin, orderId, () => true)).status).toBe('pending')
    openGate()
    const payment = await paymentWhen(pay, admin, orderId, (p) => p.status === 'voided')
    expect(payment.events.map((e) => e.type)).toEqual(expect.arrayContaining(['authorized', 'voided']))
    expect(await sent(s, 'payment.voided', orderId)).toHaveLength(1)
    expect(await simulatorChargesFor(s, orderId)).toEqual([{ status: 'canceled', captured_minor: 0, refunded_minor: 0 }])
  })

  it('when no payment exists yet, then a tombstone is kept and a later payment.authorize is refused with reason cancelled, charging nothing', async () => {
    const orderId = uuidv7()
    await send(pay, 'payment.void', { orderId, reason: 'timeout' })
    await authorize(pay, customer, methodId, 2500, orderId)
    const [failed] = await sent(s, 'payment.failed', orderId)
    expect(failed).toMatchObject({ orderId, customerId: customer.id, reason: 'cancelled' })
    await authorize(pay, customer, methodId, 2500, orderId)
    expect(await sent(s, 'payment.failed', orderId)).toHaveLength(1)
    expect(await simulatorChargesFor(s, orderId)).toEqual([])
    const mine = await call(pay.app, 'GET', `/api/payments?orderId=${orderId}`, { token: customer.token })
    expect(mine.json<{ items: PaymentDto[] }>().items).toEqual([
      expect.objectContaining({ status: 'voided', amount: usd(2500), failure: expect.objectContaining({ reason: 'cancelled' }) }),
    ])
  })

  it('when the same void arrives twice, or a void meets a declined payment, then nothing more happens', async () => {
    const { orderId } = await authorized()
    await send(pay, 'payment.void', { orderId, reason: 'timeout' })
    await send(pay, 'payment.void', { orderId, reason: 'timeout' })
    await paymentWhen(pay, admin, orderId, (p) => p.status === 'voided')
    await send(pay, 'payment.void', { orderId, reason: 'timeout' })
    expect(await sent(s, 'payment.voided', orderId)).toHaveLength(1)

    const declinedMethod = await tokenize(pay, customer, CARDS.declined)
    const declined = await authorize(pay, customer, declinedMethod)
    await paymentWhen(pay, admin, declined, (p) => p.status === 'failed')
    await send(pay, 'payment.void', { orderId: declined, reason: 'payment_declined' })
    const payment = await paymentWhen(pay, admin, declined, (p) => p.events.some((e) => e.type === 'void_skipped'))
    expect(payment.status).toBe('failed')
    expect(await sent(s, 'payment.voided', declined)).toEqual([])
  })

  it('when a capture comes after the void, then payment.capture_failed says it was voided', async () => {
    const { orderId } = await authorized()
    await send(pay, 'payment.void', { orderId, reason: 'timeout' })
    await send(pay, 'payment.capture', { orderId })
    await eventually(async () => (await sent(s, 'payment.capture_failed', orderId))[0], 5_000, 'payment.capture_failed')
    expect(await sent(s, 'payment.capture_failed', orderId)).toEqual([expect.objectContaining({ orderId, reason: 'voided' })])
    expect(await sent(s, 'payment.captured', orderId)).toEqual([])
  })

  it('when a capture arrives while the authorization is still pending, then it waits and captures once it lands', async () => {
    const orderId = uuidv7()
    gated.add(orderId)
    gate = new Promise((resolve) => {
      openGate = resolve
    })
    await authorize(pay, customer, methodId, 1800, orderId)
    await send(pay, 'payment.capture', { orderId })
    await send(pay, 'payment.capture', { orderId })
    openGate()
    await paymentWhen(pay, admin, orderId, (p) => p.status === 'captured')
    expect(await sent(s, 'payment.captured', orderId)).toEqual([expect.objectContaining({ amount: usd(1800) })])
  })
})
