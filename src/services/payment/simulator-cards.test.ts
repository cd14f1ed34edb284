import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningService } from '../../platform/service.ts'
import { eventually, startTestServices, type TestServices } from '../../../test/support/services.ts'
import {
  ADMIN_ENV,
  adminToken,
  authorize,
  CARDS,
  type Customer,
  FAST,
  newCustomer,
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

beforeAll(async () => {
  s = await startTestServices(['identity'], { env: ADMIN_ENV })
  // The recovery claim is a minute off: only the handover of the command's new action runs it.
  pay = await startPaymentBeside(s, { ...FAST, worker: { ...FAST.worker, leaseMs: 60_000 } })
  admin = await adminToken(s)
  customer = await newCustomer(s)
})
afterAll(async () => {
  await stopPayment(pay)
  await s?.stop()
})

const settled = (orderId: string) => paymentWhen(pay, admin, orderId, (p) => p.status !== 'pending')

describe('simulator test cards, through the saga messages', () => {
  it('when the card is 4242 4242 4242 4242, then the amount is authorized and payment.authorized says so', async () => {
    const methodId = await tokenize(pay, customer, CARDS.ok)
    const orderId = await authorize(pay, customer, methodId, 4599)
    const payment = await settled(orderId)
    expect(payment).toMatchObject({ status: 'authorized', amount: usd(4599), provider: 'simulator', method: { brand: 'visa', last4: '4242' }, failure: null })
    expect(payment.events.map((e) => e.type)).toEqual(['authorization_requested', 'authorized'])
    expect(await sent(s, 'payment.authorized', orderId)).toEqual([
      { orderId, paymentId: payment.id, customerId: customer.id, email: customer.email, amount: usd(4599), provider: 'simulator' },
    ])
    expect(await simulatorChargesFor(s, orderId)).toEqual([{ status: 'requires_capture', captured_minor: 0, refunded_minor: 0 }])
  })

  it('when an authorization is commanded, then it is done within a few hundred milliseconds, woken by the commit rather than the poll', async () => {
    const methodId = await tokenize(pay, customer, CARDS.ok)
    const orderId = await authorize(pay, customer, methodId)
    const committed = Date.now()
    await eventually(async () => (await sent(s, 'payment.authorized', orderId)).length === 1, 5_000, 'payment.authorized')
    // Far under the 60 s poll; the bound is loose for a loaded test machine (it takes tens of milliseconds).
    expect(Date.now() - committed).toBeLessThan(1_000)
  })

  it('when the card is 4000 0000 0000 0002, then payment.failed says declined with the processor message and nothing is held', async () => {
    const methodId = await tokenize(pay, customer, CARDS.declined)
    const orderId = await authorize(pay, customer, methodId)
    const payment = await settled(orderId)
    expect(payment).toMatchObject({ status: 'failed', failure: { reason: 'declined', message: 'Your card was declined.' } })
    expect(await sent(s, 'payment.failed', orderId)).toEqual([
      { orderId, paymentId: payment.id, customerId: customer.id, email: customer.email, reason: 'declined', message: 'Your card was declined.' },
    ])
    expect(await simulatorChargesFor(s, orderId)).toEqual([])
  })

  it('when the card is 4000 0000 0000 9995, then payment.failed says insufficient_funds', async () => {
    const methodId = await tokenize(pay, customer, CARDS.insufficientFunds)
    const orderId = await authorize(pay, customer, methodId)
    expect(await settled(orderId)).toMatchObject({ status: 'failed', failure: { reason: 'insufficient_funds' } })
    expect(await sent(s, 'payment.failed', orderId)).toEqual([expect.objectContaining({ reason: 'insufficient_funds', message: 'Your card has insufficient funds.' })])
  })

  it('when the card is any other Luhn-valid number, then it is authorized and captured', async () => {
    const methodId = await tokenize(pay, customer, CARDS.otherValid)
    const orderId = await authorize(pay, customer, methodId, 1200)
    await settled(orderId)
    await send(pay, 'payment.capture', { orderId })
    const payment = await paymentWhen(pay, admin, orderId, (p) => p.status === 'captured')
    expect(payment).toMatchObject({ method: { brand: 'mastercard', last4: '4444' }, captured: usd(1200) })
    expect(await sent(s, 'payment.captured', orderId)).toEqual([expect.objectContaining({ orderId, amount: usd(1200) })])
    expect(await simulatorChargesFor(s, orderId)).toEqual([{ status: 'succeeded', captured_minor: 1200, refunded_minor: 0 }])
  })

  it('when the card is 4000 0000 0000 0259, then it is captured, and the simulator’s signed dispute webhook marks it disputed and sends payment.disputed', async () => {
    const methodId = await tokenize(pay, customer, CARDS.disputed)
    const orderId = await authorize(pay, customer, methodId, 3000)
    expect(await settled(orderId)).toMatchObject({ status: 'authorized' })
    await send(pay, 'payment.capture', { orderId })
    const disputed = await eventually(async () => (await sent(s, 'payment.disputed', orderId))[0], 5_000, 'payment.disputed')
    const payment = await paymentWhen(pay, admin, orderId, (p) => p.disputed)
    expect(disputed).toEqual({ orderId, paymentId: payment.id, customerId: customer.id, email: customer.email, amount: usd(3000), reason: 'fraudulent' })
    expect(payment.status).toBe('captured')
    expect(payment.events.find((e) => e.type === 'disputed')?.data).toMatchObject({ amount: usd(3000), reason: 'fraudulent' })
  })

  it('when the method belongs to another customer, then payment.failed says invalid_payment_method and the provider is never asked', async () => {
    const owner = await newCustomer(s)
    const methodId = await tokenize(pay, owner, CARDS.ok)
    const orderId = await authorize(pay, customer, methodId)
    const payment = await settled(orderId)
    expect(payment).toMatchObject({ status: 'failed', failure: { reason: 'invalid_payment_method' }, method: null })
    expect(await sent(s, 'payment.failed', orderId)).toEqual([expect.objectContaining({ reason: 'invalid_payment_method', customerId: customer.id })])
    expect(await simulatorChargesFor(s, orderId)).toEqual([])
  })

  it('when the method id is unknown, then payment.failed says invalid_payment_method', async () => {
    const orderId = await authorize(pay, customer, 'pm_sim_nosuchmethod')
    expect(await settled(orderId)).toMatchObject({ status: 'failed', failure: { reason: 'invalid_payment_method' } })
  })
})
