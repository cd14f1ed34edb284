import { createHash, randomBytes } from 'node:crypto'

/**
 * The Stripe objects the fake in fake-stripe.ts keeps in memory, and the API operations on them:
 * payment methods, PaymentIntents with manual capture, capture, cancel and refunds, with Stripe's
 * test cards and Stripe-shaped errors.
 */

export type Json = Record<string, unknown>

export interface FakePaymentIntent {
  id: string
  object: 'payment_intent'
  amount: number
  amount_capturable: number
  amount_received: number
  currency: string
  status: 'requires_payment_method' | 'requires_capture' | 'succeeded' | 'canceled'
  capture_method: 'manual' | 'automatic'
  payment_method: string | null
  latest_charge: string | null
  metadata: Record<string, string>
  amount_refunded: number
  created: number
  livemode: false
}

const TEST_CARDS: Record<string, { decline?: string; message?: string; dispute?: boolean }> = {
  '4000000000000002': { decline: 'generic_decline', message: 'Your card was declined.' },
  '4000000000009995': { decline: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  '4000000000000259': { dispute: true },
}

export function id(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`
}

/** `card[number]=4242&metadata[orderId]=x` → `{ card: { number: '4242' }, metadata: { orderId: 'x' } }` */
export function parseForm(body: string): Json {
  const result: Json = {}
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split(/\[|\]\[|\]/).filter((p) => p !== '')
    let node = result
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value
      else node = (node[part] ??= {}) as Json
    })
  }
  return result
}

function luhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2
    sum += d
  }
  return digits.length >= 12 && sum % 10 === 0
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
  ) {
    super(String(body.message))
  }
}

function invalid(message: string, code: string, param?: string): ApiError {
  return new ApiError(400, { type: 'invalid_request_error', code, message, ...(param ? { param } : {}) })
}

/** Stripe's side: what exists and what each call does to it. `notify` sends the webhook events Stripe would. */
export class FakeStripeLedger {
  private readonly methods = new Map<string, { id: string; number: string; card: Json }>()
  private readonly intents = new Map<string, FakePaymentIntent>()
  private readonly refundList: Json[] = []

  constructor(private readonly notify: (type: string, object: Json) => void) {}

  paymentIntents(): FakePaymentIntent[] {
    return [...this.intents.values()].map((pi) => ({ ...pi }))
  }

  refunds(): Json[] {
    return this.refundList.map((r) => ({ ...r }))
  }

  private intent(piId: string): FakePaymentIntent {
    const pi = this.intents.get(piId)
    if (!pi) throw new ApiError(404, { type: 'invalid_request_error', code: 'resource_missing', param: 'intent', message: `No such payment_intent: '${piId}'` })
    return pi
  }

  private createMethod(form: Json): Json {
    const card = (form.card ?? {}) as Json
    const number = String(card.number ?? '')
    if (!/^\d+$/.test(number) || !luhn(number)) {
      throw new ApiError(402, { type: 'card_error', code: 'incorrect_number', param: 'number', message: 'Your card number is incorrect.' })
    }
    const pmId = id('pm')
    const brand = number.startsWith('4') ? 'visa' : number.startsWith('5') ? 'mastercard' : 'unknown'
    const details = {
      brand,
      last4: number.slice(-4),
      exp_month: Number(card.exp_month),
      exp_year: Number(card.exp_year),
      fingerprint: createHash('sha256').update(number).digest('hex').slice(0, 16),
      funding: 'credit',
      country: 'US',
    }
    this.methods.set(pmId, { id: pmId, number, card: details })
    return { id: pmId, object: 'payment_method', type: 'card', card: details, created: Math.floor(Date.now() / 1000), livemode: false, metadata: {} }
  }

  private createIntent(form: Json): Json {
    const amount = Number(form.amount)
    if (!Number.isInteger(amount) || amount < 1) throw invalid('Amount must be a positive integer.', 'parameter_invalid_integer', 'amount')
    const pmId = String(form.payment_method ?? '')
    const method = this.methods.get(pmId)
    if (!method) throw invalid(`No such PaymentMethod: '${pmId}'`, 'resource_missing', 'payment_method')
    const pi: FakePaymentIntent = {
      id: id('pi'),
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_received: 0,
      amount_refunded: 0,
      currency: String(form.currency),
      status: 'requires_payment_method',
      capture_method: form.capture_method === 'manual' ? 'manual' : 'automatic',
      payment_method: pmId,
      latest_charge: null,
      metadata: (form.metadata ?? {}) as Record<string, string>,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
    }
    this.intents.set(pi.id, pi)
    if (form.confirm !== 'true') return { ...pi }
    const behaviour = TEST_CARDS[method.number] ?? {}
    pi.latest_charge = id('ch')
    if (behaviour.decline) {
      throw new ApiError(402, {
        type: 'card_error',
        code: 'card_declined',
        decline_code: behaviour.decline,
        message: behaviour.message,
        charge: pi.latest_charge,
        payment_intent: { ...pi, last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: behaviour.decline, message: behaviour.message } },
      })
    }
    if (pi.capture_method === 'manual') {
      pi.status = 'requires_capture'
      pi.amount_capturable = amount
    } else {
      pi.status = 'succeeded'
      pi.amount_received = amount
    }
    return { ...pi }
  }

  private capture(piId: string, form: Json): Json {
    const pi = this.intent(piId)
    if (pi.status !== 'requires_capture') {
      throw invalid(`This PaymentIntent could not be captured because it has a status of ${pi.status}.`, 'payment_intent_unexpected_state')
    }
    const amount = form.amount_to_capture === undefined ? pi.amount_capturable : Number(form.amount_to_capture)
    if (amount > pi.amount_capturable) throw invalid(`The amount to capture (${amount}) is greater than the amount capturable (${pi.amount_capturable}).`, 'amount_too_large', 'amount_to_capture')
    pi.status = 'succeeded'
    pi.amount_received = amount
    pi.amount_capturable = 0
    const method = this.methods.get(pi.payment_method ?? '')
    if (method && TEST_CARDS[method.number]?.dispute) {
      this.notify('charge.dispute.created', { id: id('dp'), object: 'dispute', amount, currency: pi.currency, charge: pi.latest_charge, payment_intent: pi.id, reason: 'fraudulent', status: 'needs_response' })
    }
    return { ...pi }
  }

  private cancel(piId: string): Json {
    const pi = this.intent(piId)
    if (pi.status !== 'requires_capture' && pi.status !== 'requires_payment_method') {
      throw invalid(`You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`, 'payment_intent_unexpected_state')
    }
    pi.status = 'canceled'
    pi.amount_capturable = 0
    this.notify('payment_intent.canceled', { ...pi })
    return { ...pi }
  }

  private refund(form: Json): Json {
    const pi = this.intent(String(form.payment_intent ?? ''))
    if (pi.status !== 'succeeded') throw invalid(`This PaymentIntent has not been captured (status ${pi.status}).`, 'charge_not_captured', 'payment_intent')
    const left = pi.amount_received - pi.amount_refunded
    const amount = form.amount === undefined ? left : Number(form.amount)
    if (left <= 0) throw invalid(`Charge ${pi.latest_charge} has already been refunded.`, 'charge_already_refunded')
    if (!Number.isInteger(amount) || amount < 1 || amount > left) {
      throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, 'amount_too_large', 'amount')
    }
    pi.amount_refunded += amount
    const re = { id: id('re'), object: 'refund', amount, currency: pi.currency, payment_intent: pi.id, charge: pi.latest_charge, status: 'succeeded', created: Math.floor(Date.now() / 1000), metadata: {} }
    this.refundList.push(re)
    this.notify('charge.refunded', { id: pi.latest_charge, object: 'charge', payment_intent: pi.id, amount: pi.amount_received, amount_refunded: pi.amount_refunded, currency: pi.currency, refunded: pi.amount_refunded === pi.amount_received })
    return re
  }

  route(method: string, path: string, form: Json): Json {
    if (method !== 'POST') throw new ApiError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` })
    if (path === '/v1/payment_methods') return this.createMethod(form)
    if (path === '/v1/payment_intents') return this.createIntent(form)
    if (path === '/v1/refunds') return this.refund(form)
    const action = /^\/v1\/payment_intents\/([^/]+)\/(capture|cancel)$/.exec(path)
    if (action?.[2] === 'capture') return this.capture(action[1] as string, form)
    if (action?.[2] === 'cancel') return this.cancel(action[1] as string)
    throw new ApiError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (POST: ${path}).` })
  }
}
