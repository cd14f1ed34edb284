import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningService } from '../../platform/service.ts'
import { type FakeStripe, startFakeStripe, stripeSignatureHeader } from '../../../test/support/fake-stripe.ts'
import { eventually, startTestServices, type TestServices } from '../../../test/support/services.ts'
import {
  adminToken,
  authorize,
  CARDS,
  type Customer,
  FAST,
  newCustomer,
  type PaymentDto,
  paymentWhen,
  send,
  sent,
  startPaymentBeside,
  stopPayment,
  stripeTestEnv,
  tokenize,
  usd,
} from './payment.test-kit.ts'

let fake: FakeStripe
let s: TestServices
let pay: RunningService
let admin: string
let customer: Customer
let endpoint: string

beforeAll(async () => {
  fake = await startFakeStripe()
  s = await startTestServices(['identity'], { env: stripeTestEnv(fake) })
  pay = await startPaymentBeside(s, FAST, true)
  endpoint = `${pay.url}/api/payments/webhooks/stripe`
  admin = await adminToken(s)
  customer = await newCustomer(s)
})
afterAll(async () => {
  await stopPayment(pay)
  await s?.stop()
  await fake?.close()
})

async function capturedPayment(card: string, amount = 2000): Promise<{ orderId: string; payment: PaymentDto; intentId: string }> {
  const orderId = await authorize(pay, customer, await tokenize(pay, customer, card), amount)
  await paymentWhen(pay, admin, orderId, (p) => p.status === 'authorized')
  await send(pay, 'payment.capture', { orderId })
  const payment = await paymentWhen(pay, admin, orderId, (p) => p.status === 'captured')
  const intentId = fake.paymentIntents().find((pi) => pi.metadata.orderId === orderId)?.id ?? ''
  return { orderId, payment, intentId }
}

function disputeEvent(intentId: string, amount: number): Record<string, unknown> {
  return fake.event('charge.dispute.created', { id: `dp_${uuidv7()}`, object: 'dispute', amount, currency: 'usd', payment_intent: intentId, reason: 'product_not_received' })
}

describe('stripe webhooks', () => {
  it('when a card that is disputed after capture (…0259) is captured, then Stripe’s signed dispute webhook marks the payment disputed and payment.disputed is sent', async () => {
    fake.setWebhookUrl(endpoint)
    try {
      const { orderId, payment } = await capturedPayment(CARDS.disputed, 2600)
      const [disputed] = await eventually(async () => {
        const found = await sent(s, 'payment.disputed', orderId)
        return found.length > 0 ? found : undefined
      }, 5_000, 'payment.disputed')
      expect(disputed).toEqual({ orderId, paymentId: payment.id, customerId: customer.id, email: customer.email, amount: usd(2600), reason: 'fraudulent' })
      expect(await paymentWhen(pay, admin, orderId, () => true)).toMatchObject({ disputed: true, status: 'captured' })
    } finally {
      fake.setWebhookUrl(undefined)
    }
  })

  it('when the same signed event is delivered twice, then it is recorded once and the second answer says duplicate', async () => {
    const { orderId, intentId } = await capturedPayment(CARDS.ok, 1500)
    const event = disputeEvent(intentId, 1500)
    const first = await fake.sendWebhook(endpoint, event)
    const second = await fake.sendWebhook(endpoint, event)
    expect(first).toEqual({ status: 200, body: JSON.stringify({ received: true, duplicate: false }) })
    expect(second).toEqual({ status: 200, body: JSON.stringify({ received: true, duplicate: true }) })
    expect(await sent(s, 'payment.disputed', orderId)).toEqual([expect.objectContaining({ reason: 'product_not_received', amount: usd(1500) })])
    const payment = await paymentWhen(pay, admin, orderId, () => true)
    expect(payment.events.filter((e) => e.type === 'disputed')).toHaveLength(1)
  })

  it.each([
    ['unsigned', { signature: null }],
    ['signed with another secret', { secret: 'whsec_someone_else' }],
    ['signed five minutes and more ago', { timestamp: Math.floor(Date.now() / 1000) - 600 }],
    ['with a malformed signature header', { signature: 'v1=deadbeef' }],
  ] as const)('when an event arrives %s, then 400 problem+json and nothing is recorded', async (_label, options) => {
    const { orderId, intentId } = await capturedPayment(CARDS.ok, 1100)
    const res = await fake.sendWebhook(endpoint, disputeEvent(intentId, 1100), options)
    expect(res.status).toBe(400)
    expect(JSON.parse(res.body)).toMatchObject({ status: 400, code: 'invalid_webhook_signature' })
    expect(await sent(s, 'payment.disputed', orderId)).toEqual([])
  })

  it('when the body is changed after signing, then 400', async () => {
    const { intentId } = await capturedPayment(CARDS.ok, 1200)
    const payload = JSON.stringify(disputeEvent(intentId, 1200))
    const header = stripeSignatureHeader(payload, fake.webhookSecret)
    const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body: payload.replace('1200', '9999') })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  })

  it('when refund and cancellation notices arrive, or an event about a PaymentIntent we do not know, then they are recorded and acknowledged', async () => {
    const { orderId, intentId } = await capturedPayment(CARDS.ok, 800)
    const refunded = await fake.sendWebhook(endpoint, fake.event('charge.refunded', { id: 'ch_x', object: 'charge', payment_intent: intentId, amount_refunded: 800, currency: 'usd' }))
    const other = await fake.sendWebhook(endpoint, fake.event('payment_intent.succeeded', { id: intentId, object: 'payment_intent' }))
    const stranger = await fake.sendWebhook(endpoint, disputeEvent('pi_nobody_knows', 100))
    expect([refunded.status, other.status, stranger.status]).toEqual([200, 200, 200])
    const payment = await paymentWhen(pay, admin, orderId, () => true)
    expect(payment.events.map((e) => e.type)).toEqual(expect.arrayContaining(['provider_refund_confirmed', 'provider_event']))
    expect(payment.disputed).toBe(false)
  })

  it('when a webhook names a provider this service does not use, then 404', async () => {
    for (const provider of ['simulator', 'paypal']) {
      const res = await fetch(`${pay.url}/api/payments/webhooks/${provider}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      expect(res.status).toBe(404)
    }
  })
})
