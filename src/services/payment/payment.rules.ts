/**
 * Payment rules: the status machine, what a queued action must do given where the payment stands,
 * refund arithmetic and the retry schedule. Pure functions over plain data, no I/O.
 */
import type { z } from 'zod'
import type { PaymentFailureReason } from '../../contracts/payment.messages.ts'

type FailureReason = z.infer<typeof PaymentFailureReason>

/** `pending` is internal: the authorization has been asked for and the provider has not answered yet. */
export const PAYMENT_STATUSES = ['pending', 'authorized', 'captured', 'partially_refunded', 'refunded', 'voided', 'failed'] as const
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number]

const TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  pending: ['authorized', 'failed'],
  authorized: ['captured', 'voided'],
  captured: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  refunded: [],
  voided: [],
  failed: [],
}

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return TRANSITIONS[from].includes(to)
}

export class IllegalTransition extends Error {
  constructor(from: PaymentStatus, to: PaymentStatus) {
    super(`A payment cannot go from ${from} to ${to}.`)
    this.name = 'IllegalTransition'
  }
}

export function assertTransition(from: PaymentStatus, to: PaymentStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransition(from, to)
}

/** Statuses in which money has been taken and (some of it) may be given back. */
export function isRefundable(status: PaymentStatus): boolean {
  return status === 'captured' || status === 'partially_refunded'
}

export const ACTION_KINDS = ['authorize', 'capture', 'void', 'refund'] as const
export type ActionKind = (typeof ACTION_KINDS)[number]
export type ActionStatus = 'pending' | 'done' | 'failed'
export type RefundStatus = 'pending' | 'succeeded' | 'failed'
/** Who asked: the refund command, an admin, or a void of a captured payment. */
export type RefundSource = 'command' | 'admin' | 'void'

/** The idempotency key a provider call carries: derived from the command, so a retry can never charge twice. */
export function idempotencyKeyFor(kind: ActionKind, ids: { paymentId: string; refundId?: string | null }): string {
  if (kind === 'refund') {
    if (!ids.refundId) throw new Error('A refund call needs its refund id')
    return `refund:${ids.refundId}`
  }
  return `${kind}:${ids.paymentId}`
}

export function refundableMinor(p: { capturedMinor: number; refundedMinor: number }): number {
  return Math.max(0, p.capturedMinor - p.refundedMinor)
}

export function statusAfterRefund(capturedMinor: number, refundedTotalMinor: number): 'refunded' | 'partially_refunded' {
  return refundedTotalMinor >= capturedMinor ? 'refunded' : 'partially_refunded'
}

/** What happened to an action: recorded with the payment in one transaction. */
export type Outcome =
  | { type: 'authorized'; ref: string }
  | { type: 'authorization_failed'; reason: FailureReason; message: string }
  | { type: 'captured'; amountMinor: number }
  | { type: 'capture_failed'; reason: string; message: string }
  | { type: 'voided' }
  | { type: 'void_failed'; reason: string; message: string }
  | { type: 'refunded'; amountMinor: number; providerRef: string }
  | { type: 'refund_failed'; reason: string; message: string }
  | { type: 'skipped'; note: string }

/** The provider call an action comes to, decided when it runs (earlier actions of the payment have finished by then). */
export type Plan =
  | { call: 'authorize' }
  | { call: 'capture'; amountMinor: number }
  | { call: 'void' }
  | { call: 'refund'; amountMinor: number }
  /** A void of a captured payment: a refund of the rest, whose row must exist before the call so a retry reuses its id. */
  | { call: 'open_refund'; amountMinor: number }
  | { call: 'none'; outcome: Outcome }

export interface PlanInput {
  action: { kind: ActionKind; refundId: string | null }
  payment: { status: PaymentStatus; amountMinor: number; capturedMinor: number; refundedMinor: number }
  /** The refund the action runs (refund actions, and voids that turned into a refund). */
  refund?: { amountMinor: number | null } | undefined
}

export function planAction({ action, payment, refund }: PlanInput): Plan {
  switch (action.kind) {
    case 'authorize':
      return payment.status === 'pending' ? { call: 'authorize' } : none({ type: 'skipped', note: `already ${payment.status}` })
    case 'capture':
      return planCapture(payment)
    case 'void':
      return planVoid(action, payment, refund)
    case 'refund':
      return planRefund(payment, refund)
  }
}

function none(outcome: Outcome): Plan {
  return { call: 'none', outcome }
}

function planCapture(payment: PlanInput['payment']): Plan {
  switch (payment.status) {
    case 'authorized':
      return { call: 'capture', amountMinor: payment.amountMinor }
    case 'captured':
    case 'partially_refunded':
    case 'refunded':
      return none({ type: 'skipped', note: 'already captured' })
    case 'voided':
      return none({ type: 'capture_failed', reason: 'voided', message: 'The authorization was voided before it could be captured.' })
    case 'pending':
    case 'failed':
      return none({ type: 'capture_failed', reason: 'not_authorized', message: 'The payment was never authorized.' })
  }
}

function planVoid(action: PlanInput['action'], payment: PlanInput['payment'], refund: PlanInput['refund']): Plan {
  switch (payment.status) {
    case 'authorized':
      return { call: 'void' }
    case 'captured':
    case 'partially_refunded': {
      if (action.refundId && refund?.amountMinor) return { call: 'refund', amountMinor: refund.amountMinor }
      return { call: 'open_refund', amountMinor: refundableMinor(payment) }
    }
    case 'refunded':
      return none({ type: 'skipped', note: 'already refunded in full' })
    case 'voided':
      return none({ type: 'skipped', note: 'already voided' })
    case 'pending':
    case 'failed':
      return none({ type: 'skipped', note: 'no money was held' })
  }
}

function planRefund(payment: PlanInput['payment'], refund: PlanInput['refund']): Plan {
  if (!isRefundable(payment.status)) {
    const message = payment.status === 'refunded' ? 'Everything captured was already refunded.' : 'Nothing was captured on this payment.'
    return none({ type: 'refund_failed', reason: payment.status === 'refunded' ? 'nothing_to_refund' : 'not_captured', message })
  }
  const left = refundableMinor(payment)
  if (left <= 0) return none({ type: 'refund_failed', reason: 'nothing_to_refund', message: 'Everything captured was already refunded.' })
  const amount = refund?.amountMinor ?? left
  if (amount > left) {
    return none({ type: 'refund_failed', reason: 'exceeds_captured', message: `A refund of ${amount} exceeds the ${left} left to refund.` })
  }
  return { call: 'refund', amountMinor: amount }
}

/** How an action ends when the provider cannot be brought to answer (retries spent) or refuses for good. */
export function failureOutcome(plan: Plan, error: { code: string; message: string }): Outcome {
  switch (plan.call) {
    case 'authorize':
      return { type: 'authorization_failed', reason: 'processor_error', message: error.message }
    case 'capture':
      return { type: 'capture_failed', reason: error.code, message: error.message }
    case 'void':
      return { type: 'void_failed', reason: error.code, message: error.message }
    case 'refund':
    case 'open_refund':
      return { type: 'refund_failed', reason: error.code, message: error.message }
    case 'none':
      return plan.outcome
  }
}

/** A few attempts over about 30 seconds: the delay before attempt n+1 is `delaysMs[n-1]`. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 3_000, 8_000, 18_000]
