import {
  paymentAuthorized,
  paymentCaptured,
  paymentCaptureFailed,
  paymentFailed,
  paymentRefunded,
  paymentRefundFailed,
  paymentVoided,
} from '../../contracts/payment.messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import { type ClaimedAction, finishAction, hasPendingAction, lockAction } from './actions.repo.ts'
import { addEvent } from './events.repo.ts'
import type { PaymentDeps } from './payment.deps.ts'
import { emit, moneyOf, paymentRefOf } from './payment.outbox.ts'
import { assertTransition, type Outcome, statusAfterRefund } from './payment.rules.ts'
import type { PaymentRow } from './payment.tables.ts'
import { lockPayment, updatePayment } from './payments.repo.ts'
import { findRefund, updateRefund } from './refunds.repo.ts'

const FAILURES: ReadonlySet<Outcome['type']> = new Set(['authorization_failed', 'capture_failed', 'void_failed', 'refund_failed'])

/**
 * Records what an action came to, in one transaction: the payment's new state, a line of its
 * history, the answer on the outbox, and the action finished (the payment's next action, if
 * one waits, is up). If another worker recorded the
 * action first (its lease ran out mid-call), this does nothing: both got the same answer from the
 * provider, under the same idempotency key. Returns whether it recorded.
 */
export async function recordOutcome(deps: PaymentDeps, action: ClaimedAction, refundId: string | null, outcome: Outcome): Promise<boolean> {
  const recorded = await deps.db.transaction(async (tx) => {
    const current = await lockAction(tx, action.id)
    if (!current || current.status !== 'pending') return false
    const payment = await lockPayment(tx, action.paymentId)
    if (!payment) throw new Error(`Action ${action.id} names a missing payment`)
    await applyOutcome(deps, tx, action, payment, refundId, outcome)
    const failed = FAILURES.has(outcome.type)
    await finishAction(tx, deps.actions, action.id, failed ? 'failed' : 'done', failed && 'message' in outcome ? outcome.message : null)
    // The payment's next action waited for this one: its turn has come.
    if (await hasPendingAction(tx, payment.id)) deps.actions.added()
    return true
  })
  if (recorded && refundId) deps.settled.emit('refund', refundId)
  return recorded
}

async function applyOutcome(deps: PaymentDeps, tx: Tx, action: ClaimedAction, payment: PaymentRow, refundId: string | null, outcome: Outcome): Promise<void> {
  const ref = paymentRefOf(payment)
  if (!ref) deps.log.warn({ paymentId: payment.id, outcome: outcome.type }, 'no customer on this payment; no event answers it')
  const say = (message: Parameters<typeof emit>[2]) => emit(deps, tx, message, action)
  const amount = moneyOf(payment.amountMinor, payment.currency)
  switch (outcome.type) {
    case 'authorized':
      assertTransition(payment.status, 'authorized')
      await updatePayment(tx, payment.id, { status: 'authorized', providerRef: outcome.ref })
      await addEvent(tx, payment.id, 'authorized', { amount })
      if (ref) await say(paymentAuthorized({ ...ref, amount, provider: payment.provider }))
      return
    case 'authorization_failed':
      assertTransition(payment.status, 'failed')
      await updatePayment(tx, payment.id, { status: 'failed', failureReason: outcome.reason, failureMessage: outcome.message })
      await addEvent(tx, payment.id, 'authorization_failed', { reason: outcome.reason, message: outcome.message })
      if (ref) await say(paymentFailed({ ...ref, reason: outcome.reason, message: outcome.message }))
      return
    case 'captured':
      assertTransition(payment.status, 'captured')
      await updatePayment(tx, payment.id, { status: 'captured', capturedMinor: outcome.amountMinor })
      await addEvent(tx, payment.id, 'captured', { amount: moneyOf(outcome.amountMinor, payment.currency) })
      if (ref) await say(paymentCaptured({ ...ref, amount: moneyOf(outcome.amountMinor, payment.currency) }))
      return
    case 'capture_failed':
      await addEvent(tx, payment.id, 'capture_failed', { reason: outcome.reason, message: outcome.message })
      if (ref) await say(paymentCaptureFailed({ ...ref, reason: outcome.reason, message: outcome.message }))
      return
    case 'voided':
      assertTransition(payment.status, 'voided')
      await updatePayment(tx, payment.id, { status: 'voided' })
      await addEvent(tx, payment.id, 'voided', { reason: action.reason })
      if (ref) await say(paymentVoided({ ...ref, reason: action.reason ?? 'voided' }))
      return
    case 'void_failed':
      deps.log.error({ paymentId: payment.id, reason: outcome.reason, message: outcome.message }, 'the authorization could not be voided; it will lapse at the provider')
      await addEvent(tx, payment.id, 'void_failed', { reason: outcome.reason, message: outcome.message })
      return
    case 'refunded':
      return applyRefunded(tx, payment, requireRefund(refundId), outcome, say)
    case 'refund_failed': {
      const id = requireRefund(refundId)
      await updateRefund(tx, id, { status: 'failed', failureReason: outcome.reason, failureMessage: outcome.message })
      await addEvent(tx, payment.id, 'refund_failed', { refundId: id, reason: outcome.reason, message: outcome.message })
      await emit(deps, tx, paymentRefundFailed({ orderId: payment.orderId, refundId: id, reason: outcome.reason, message: outcome.message }), action)
      return
    }
    case 'skipped':
      await addEvent(tx, payment.id, `${action.kind}_skipped`, { note: outcome.note })
      return
  }
}

function requireRefund(refundId: string | null): string {
  if (!refundId) throw new Error('A refund outcome needs its refund id')
  return refundId
}

async function applyRefunded(
  tx: Tx,
  payment: PaymentRow,
  refundId: string,
  outcome: Extract<Outcome, { type: 'refunded' }>,
  say: (message: Parameters<typeof emit>[2]) => Promise<void>,
): Promise<void> {
  const refund = await findRefund(tx, refundId)
  const refundedTotal = payment.refundedMinor + outcome.amountMinor
  const status = statusAfterRefund(payment.capturedMinor, refundedTotal)
  assertTransition(payment.status, status)
  await updateRefund(tx, refundId, { status: 'succeeded', amountMinor: outcome.amountMinor, providerRef: outcome.providerRef })
  await updatePayment(tx, payment.id, { status, refundedMinor: refundedTotal })
  const amount = moneyOf(outcome.amountMinor, payment.currency)
  await addEvent(tx, payment.id, 'refunded', { refundId, amount, refundedTotal: moneyOf(refundedTotal, payment.currency), source: refund?.source })
  const ref = paymentRefOf(payment)
  if (ref) await say(paymentRefunded({ ...ref, refundId, amount, refundedTotal: moneyOf(refundedTotal, payment.currency), status }))
}
