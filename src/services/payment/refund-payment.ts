import { v7 as uuidv7 } from 'uuid'
import type { AuthUser } from '../../platform/auth.ts'
import { NotFound, RuleViolation } from '../../platform/errors.ts'
import { enqueueAction, hasPendingAction } from './actions.repo.ts'
import { addEvent } from './events.repo.ts'
import type { PaymentDeps } from './payment.deps.ts'
import type { RefundBody, RefundDto } from './payment.dto.ts'
import { moneyOf, requestTrail } from './payment.outbox.ts'
import { isRefundable, refundableMinor } from './payment.rules.ts'
import { toRefundDto } from './payment-view.ts'
import { lockPayment } from './payments.repo.ts'
import { findRefund, insertRefund, pendingRefundsOf } from './refunds.repo.ts'

/**
 * An admin refunds part or (without an amount) the rest of a captured payment. The amount is
 * checked against what is captured and not yet refunded or being refunded (422 otherwise), the
 * refund is queued for the worker, and the answer waits a few seconds for the provider: 201 with
 * the refund once it has answered, 202 with status `pending` if it is still running.
 */
export async function refundPayment(deps: PaymentDeps, admin: AuthUser, paymentId: string, body: RefundBody): Promise<{ code: 201 | 202; refund: RefundDto }> {
  const refundId = uuidv7()
  await deps.db.transaction(async (tx) => {
    const payment = await lockPayment(tx, paymentId)
    if (!payment) throw new NotFound('Payment')
    if (!isRefundable(payment.status)) {
      throw new RuleViolation(
        payment.status === 'refunded' ? 'This payment has been refunded in full.' : 'Nothing has been captured on this payment.',
        payment.status === 'refunded' ? 'nothing_to_refund' : 'nothing_captured',
      )
    }
    const pending = await pendingRefundsOf(tx, paymentId)
    const beingVoided = await hasPendingAction(tx, paymentId, 'void')
    const left = pending.rest || beingVoided ? 0 : refundableMinor(payment) - pending.totalMinor
    if (left <= 0) throw new RuleViolation('Everything captured has been refunded or is being refunded.', 'nothing_to_refund')
    if (body.amount && body.amount.currency !== payment.currency) {
      const message = `The payment is in ${payment.currency}.`
      throw new RuleViolation(message, 'currency_mismatch', [{ path: 'amount.currency', message }])
    }
    const amount = body.amount?.amount ?? left
    if (amount > left) {
      const message = `At most ${left} (minor units) is left to refund.`
      throw new RuleViolation(`A refund of ${amount} is more than was captured and not yet refunded.`, 'refund_exceeds_captured', [{ path: 'amount.amount', message }])
    }
    await insertRefund(tx, { id: refundId, paymentId, amountMinor: amount, currency: payment.currency, status: 'pending', source: 'admin', reason: body.reason ?? null, requestedBy: admin.id })
    await addEvent(tx, paymentId, 'refund_requested', { refundId, amount: moneyOf(amount, payment.currency), reason: body.reason, source: 'admin' })
    await enqueueAction(tx, deps.actions, { paymentId, kind: 'refund', refundId, trail: requestTrail() })
  })
  const refund = await waitForRefund(deps, refundId)
  return { code: refund.status === 'pending' ? 202 : 201, refund }
}

/** The refund once its outcome is recorded, or as it stands when the wait runs out. */
async function waitForRefund(deps: PaymentDeps, refundId: string): Promise<RefundDto> {
  const deadline = Date.now() + deps.refundWaitMs
  for (;;) {
    const refund = await findRefund(deps.db, refundId)
    if (!refund) throw new NotFound('Refund')
    const left = deadline - Date.now()
    if (refund.status !== 'pending' || left <= 0) return toRefundDto(refund)
    await settledOrAfter(deps, refundId, Math.min(250, left))
  }
}

/** Resolves when this process records the refund, or after `ms` (another replica may have recorded it). */
function settledOrAfter(deps: PaymentDeps, refundId: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      deps.settled.off('refund', onSettled)
      resolve()
    }
    const onSettled = (id: string) => {
      if (id === refundId) done()
    }
    const timer = setTimeout(done, ms)
    deps.settled.on('refund', onSettled)
  })
}
