import { describe, expect, it } from 'vitest'
import {
  canTransition,
  DEFAULT_RETRY_DELAYS_MS,
  failureOutcome,
  idempotencyKeyFor,
  PAYMENT_STATUSES,
  type PaymentStatus,
  planAction,
  statusAfterRefund,
} from './payment.rules.ts'

const payment = (status: PaymentStatus, captured = 0, refunded = 0) => ({ status, amountMinor: 1000, capturedMinor: captured, refundedMinor: refunded })
const action = (kind: 'authorize' | 'capture' | 'void' | 'refund', refundId: string | null = null) => ({ kind, refundId })

describe('the payment status machine', () => {
  it('when a payment moves, then only these steps are allowed', () => {
    const allowed = PAYMENT_STATUSES.flatMap((from) => PAYMENT_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`))
    expect(allowed).toEqual([
      'pending->authorized',
      'pending->failed',
      'authorized->captured',
      'authorized->voided',
      'captured->partially_refunded',
      'captured->refunded',
      'partially_refunded->partially_refunded',
      'partially_refunded->refunded',
    ])
  })

  it('when refunds add up to what was captured, then the payment is refunded, otherwise partially', () => {
    expect(statusAfterRefund(1000, 400)).toBe('partially_refunded')
    expect(statusAfterRefund(1000, 1000)).toBe('refunded')
  })
})

describe('what a queued action comes to when it runs', () => {
  it('when an authorization is still pending, then the provider is asked; once decided, it is skipped', () => {
    expect(planAction({ action: action('authorize'), payment: payment('pending') })).toEqual({ call: 'authorize' })
    expect(planAction({ action: action('authorize'), payment: payment('authorized') })).toMatchObject({ call: 'none', outcome: { type: 'skipped' } })
  })

  it('when a capture runs, then it captures an authorization in full, skips a captured payment, and fails on a voided or failed one', () => {
    expect(planAction({ action: action('capture'), payment: payment('authorized') })).toEqual({ call: 'capture', amountMinor: 1000 })
    expect(planAction({ action: action('capture'), payment: payment('captured', 1000) })).toMatchObject({ outcome: { type: 'skipped' } })
    expect(planAction({ action: action('capture'), payment: payment('voided') })).toMatchObject({ outcome: { type: 'capture_failed', reason: 'voided' } })
    expect(planAction({ action: action('capture'), payment: payment('failed') })).toMatchObject({ outcome: { type: 'capture_failed', reason: 'not_authorized' } })
  })

  it('when a void runs, then an authorization is voided, a captured payment refunded of the rest, and anything else left alone', () => {
    expect(planAction({ action: action('void'), payment: payment('authorized') })).toEqual({ call: 'void' })
    expect(planAction({ action: action('void'), payment: payment('partially_refunded', 1000, 300) })).toEqual({ call: 'open_refund', amountMinor: 700 })
    expect(planAction({ action: action('void', 'r1'), payment: payment('captured', 1000), refund: { amountMinor: 1000 } })).toEqual({ call: 'refund', amountMinor: 1000 })
    for (const status of ['refunded', 'voided', 'failed'] as const) {
      expect(planAction({ action: action('void'), payment: payment(status, status === 'refunded' ? 1000 : 0, status === 'refunded' ? 1000 : 0) })).toMatchObject({ outcome: { type: 'skipped' } })
    }
  })

  it('when a refund runs, then it takes its amount or the rest, and fails past what is left or before any capture', () => {
    expect(planAction({ action: action('refund', 'r'), payment: payment('captured', 1000), refund: { amountMinor: 250 } })).toEqual({ call: 'refund', amountMinor: 250 })
    expect(planAction({ action: action('refund', 'r'), payment: payment('partially_refunded', 1000, 250), refund: { amountMinor: null } })).toEqual({ call: 'refund', amountMinor: 750 })
    expect(planAction({ action: action('refund', 'r'), payment: payment('partially_refunded', 1000, 250), refund: { amountMinor: 751 } })).toMatchObject({
      outcome: { type: 'refund_failed', reason: 'exceeds_captured' },
    })
    expect(planAction({ action: action('refund', 'r'), payment: payment('authorized'), refund: { amountMinor: null } })).toMatchObject({ outcome: { type: 'refund_failed', reason: 'not_captured' } })
    expect(planAction({ action: action('refund', 'r'), payment: payment('refunded', 1000, 1000), refund: { amountMinor: null } })).toMatchObject({
      outcome: { type: 'refund_failed', reason: 'nothing_to_refund' },
    })
  })

  it('when the provider cannot be brought to answer, then each kind of call fails its own way', () => {
    const error = { code: 'processor_unavailable', message: 'down' }
    expect(failureOutcome({ call: 'authorize' }, error)).toEqual({ type: 'authorization_failed', reason: 'processor_error', message: 'down' })
    expect(failureOutcome({ call: 'capture', amountMinor: 1 }, error)).toMatchObject({ type: 'capture_failed' })
    expect(failureOutcome({ call: 'void' }, error)).toMatchObject({ type: 'void_failed' })
    expect(failureOutcome({ call: 'open_refund', amountMinor: 1 }, error)).toMatchObject({ type: 'refund_failed' })
  })
})

describe('keys and retries', () => {
  it('when a call is made, then its idempotency key comes from the command', () => {
    expect(idempotencyKeyFor('authorize', { paymentId: 'p' })).toBe('authorize:p')
    expect(idempotencyKeyFor('capture', { paymentId: 'p' })).toBe('capture:p')
    expect(idempotencyKeyFor('void', { paymentId: 'p' })).toBe('void:p')
    expect(idempotencyKeyFor('refund', { paymentId: 'p', refundId: 'r' })).toBe('refund:r')
    expect(() => idempotencyKeyFor('refund', { paymentId: 'p' })).toThrow()
  })

  it('when a provider keeps failing, then its calls are given up after about 30 seconds of retries', () => {
    expect(DEFAULT_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBe(30_000)
  })
})
