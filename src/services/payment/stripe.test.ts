import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningService } from '../../platform/service.ts'
import { type FakeStripe, startFakeStripe } from '../../../test/support/fake-stripe.ts'
import { eventually, startTestServices, type TestServices } from '../../../test/support/services.ts'
import { ProviderError } from './payment-provider.ts'
import {
  adminToken,
  authorize,
  call,
  CARDS,
  type Customer,
  FAST,
  newCustomer,
  paymentWhen,
  type RefundDto,
  send,
  sent,
  startPaymentBeside,
  stopPayment,
  stripeTestEnv,
  tokenize,
  usd,
} from './payment.test-kit.ts'
import { StripeProvider } from './stripe-provider.ts'

let fake: FakeStripe
let s: TestServices
let pay: RunningService
let admin: string
let customer: Customer

beforeAll(async () => {
  fake = await startFakeStripe()
  s = await startTestServices(['identity'], { env: stripeTestEnv(fake) })
  pay = await startPaymentBeside(s, { ...FAST, worker: { ...FAST.worker, callTimeoutMs: 800 } }, true)
  fake.setWebhookUrl(`${pay.url}/api/payments/webhooks/stripe`)
  admin = await adminToken(s)
  customer = await newCustomer(s)
})
afterAll(async () => {
  await stopPayment(pay)
  await s?.stop()
  await fake?.close()
})

const settled = (orderId: string) => paymentWhen(pay, admin, orderId, (p) => p.status !== 'pending')
const intentOf = (orderId: string) => fake.paymentIntents().filter((pi) => pi.metadata.orderId === orderId)

describe('the stripe provider, end to end against a local fake of the Stripe API', () => {
  it('when a 4242 card is tokenized and authorized, then a manual-capture PaymentIntent holds the amount and payment.authorized says stripe', async () => {
    const methodId = await tokenize(pay, customer, CARDS.ok)
    expect(methodId).toMatch(/^pm_/)
    const orderId = await authorize(pay, customer, methodId, 4200)
    const payment = await settled(orderId)
    expect(payment).toMatchObject({ status: 'authorized', provider: 'stripe', method: { brand: 'visa', last4: '4242' } })
    expect(intentOf(orderId)).toEqual([
      expect.objectContaining({ status: 'requires_capture', amount: 4200, currency: 'usd', capture_method: 'manual', metadata: { paymentId: payment.id, orderId } }),
    ])
    expect(fake.executionsWith(`authorize:${payment.id}`)).toBe(1)
    expect(await sent(s, 'payment.authorized', orderId)).toEqual([expect.objectContaining({ provider: 'stripe', amount: usd(4200) })])
  })

  it('when the card is declined (generic_decline), then payment.failed declined with Stripe’s message', async () => {
    const orderId = await authorize(pay, customer, await tokenize(pay, customer, CARDS.declined))
    expect(await settled(orderId)).toMatchObject({ status: 'failed', failure: { reason: 'declined', message: 'Your card was declined.' } })
  })

  it('when the card has insufficient funds, then payment.failed insufficient_funds', async () => {
    const orderId = await authorize(pay, customer, await tokenize(pay, customer, CARDS.insufficientFunds))
    expect(await settled(orderId)).toMatchObject({ status: 'failed', failure: { reason: 'insufficient_funds' } })
    expect(await sent(s, 'payment.failed', orderId)).toEqual([expect.objectContaining({ reason: 'insufficient_funds' })])
  })

  it('when captured and then refunded in part by an admin, then the PaymentIntent is captured, a Stripe refund made, and charge.refunded lands in the history', async () => {
    const orderId = await authorize(pay, customer, await tokenize(pay, customer, CARDS.ok), 3000)
    const authorized = await settled(orderId)
    await send(pay, 'payment.capture', { orderId })
    await paymentWhen(pay, admin, orderId, (p) => p.status === 'captured')
    expect(intentOf(orderId)[0]).toMatchObject({ status: 'succeeded', amount_received: 3000 })

    const res = await call(pay.app, 'POST', `/api/payments/${authorized.id}/refunds`, { token: admin, body: { amount: usd(1000) }, headers: { 'idempotency-key': uuidv7() } })
    expect(res.statusCode).toBe(201)
    const refund = res.json<RefundDto>()
    expect(fake.refunds()).toEqual(expect.arrayContaining([expect.objectContaining({ amount: 1000, payment_intent: intentOf(orderId)[0]?.id })]))
    expect(fake.executionsWith(`refund:${refund.id}`)).toBe(1)
    const payment = await paymentWhen(pay, admin, orderId, (p) => p.events.some((e) => e.type === 'provider_refund_confirmed'))
    expect(payment).toMatchObject({ status: 'partially_refunded', refunded: usd(1000) })
  })

  it('when the order is voided while authorized, then the PaymentIntent is cancelled', async () => {
    const orderId = await authorize(pay, customer, await tokenize(pay, customer, CARDS.ok))
    await settled(orderId)
    await send(pay, 'payment.void', { orderId, reason: 'timeout' })
    await paymentWhen(pay, admin, orderId, (p) => p.status === 'voided')
    expect(intentOf(orderId)[0]?.status).toBe('canceled')
  })

  it('when the same authorize is delivered twice, then Stripe is asked once', async () => {
    const methodId = await tokenize(pay, customer, CARDS.ok)
    const orderId = uuidv7()
    await authorize(pay, customer, methodId, 1000, orderId)
    await authorize(pay, customer, methodId, 1000, orderId)
    const payment = await settled(orderId)
    expect(fake.requestsWith(`authorize:${payment.id}`)).toBe(1)
    expect(intentOf(orderId)).toHaveLength(1)
  })

  it('when Stripe answers 500 twice, then the worker retries under the same key and authorizes once', async () => {
    const methodId = await tokenize(pay, customer, CARDS.ok)
    fake.failNext(2)
    const orderId = await authorize(pay, customer, methodId)
    const payment = await settled(orderId)
    expect(payment.status).toBe('authorized')
    expect(fake.requestsWith(`authorize:${payment.id}`)).toBe(3)
    expect(fake.executionsWith(`authorize:${payment.id}`)).toBe(1)
    expect(payment.events.filter((e) => e.type === 'attempt_failed')).toHaveLength(2)
  })

  it('when the PaymentIntent was made but the answer was lost (a 500 after, then a hang), then the retries get the first answer: one PaymentIntent', async () => {
    const methodId = await tokenize(pay, customer, CARDS.ok)
    fake.failNext(1, { after: true })
    fake.failNext(1, { mode: 'hang' })
    const orderId = await authorize(pay, customer, methodId)
    const payment = await paymentWhen(pay, admin, orderId, (p) => p.status !== 'pending', 10_000)
    expect(payment.status).toBe('authorized')
    expect(fake.requestsWith(`authorize:${payment.id}`)).toBe(3)
    expect(fake.executionsWith(`authorize:${payment.id}`)).toBe(1)
    expect(intentOf(orderId)).toHaveLength(1)
  })

  it('when capture is refused by Stripe (the PaymentIntent was cancelled behind our back), then payment.capture_failed', async () => {
    const orderId = await authorize(pay, customer, await tokenize(pay, customer, CARDS.ok))
    await settled(orderId)
    const provider = new StripeProvider({ secretKey: fake.secretKey, webhookSecret: fake.webhookSecret, apiUrl: fake.url, timeoutMs: 2_000 })
    await provider.void(intentOf(orderId)[0]?.id ?? '', `outside:${orderId}`)
    await send(pay, 'payment.capture', { orderId })
    await eventually(async () => (await sent(s, 'payment.capture_failed', orderId))[0], 5_000, 'payment.capture_failed')
    expect(await sent(s, 'payment.capture_failed', orderId)).toEqual([expect.objectContaining({ reason: 'payment_intent_unexpected_state' })])
  })
})

describe('the stripe provider alone', () => {
  const provider = () => new StripeProvider({ secretKey: fake.secretKey, webhookSecret: fake.webhookSecret, apiUrl: fake.url, timeoutMs: 2_000 })
  const card = { number: CARDS.ok, expMonth: 12, expYear: new Date().getUTCFullYear() + 1, cvc: '123' }
  const ref = () => ({ paymentId: uuidv7(), orderId: uuidv7() })

  it('when a key is reused with the same parameters, then the first answer comes back; with other parameters, a permanent idempotency_error', async () => {
    const stripe = provider()
    const method = await stripe.createPaymentMethod(card, uuidv7())
    const key = `authorize:${uuidv7()}`
    const reference = ref()
    const first = await stripe.authorize(usd(500), method.id, key, reference)
    const again = await stripe.authorize(usd(500), method.id, key, reference)
    expect(again).toEqual(first)
    await expect(stripe.authorize(usd(501), method.id, key, reference)).rejects.toMatchObject({ code: 'idempotency_error', retryable: false })
    expect(fake.executionsWith(key)).toBe(1)
  })

  it('when a capture exceeds the authorization or a refund exceeds the capture, then a permanent error', async () => {
    const stripe = provider()
    const method = await stripe.createPaymentMethod(card, uuidv7())
    const held = await stripe.authorize(usd(500), method.id, uuidv7(), ref())
    if (!held.ok) throw new Error('expected an authorization')
    await expect(stripe.capture(held.ref, usd(501), uuidv7())).rejects.toBeInstanceOf(ProviderError)
    await stripe.capture(held.ref, usd(500), uuidv7())
    await expect(stripe.refund(held.ref, usd(501), uuidv7())).rejects.toMatchObject({ code: 'amount_too_large', retryable: false })
    expect(await stripe.refund(held.ref, usd(500), uuidv7())).toMatchObject({ refundRef: expect.stringMatching(/^re_/) })
  })

  it('when Stripe is unreachable, then a retryable error', async () => {
    const stripe = new StripeProvider({ secretKey: fake.secretKey, webhookSecret: fake.webhookSecret, apiUrl: 'http://127.0.0.1:9', timeoutMs: 1_000 })
    await expect(stripe.capture('pi_x', usd(1), uuidv7())).rejects.toMatchObject({ retryable: true })
  })
})
