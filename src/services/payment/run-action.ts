import { v7 as uuidv7 } from 'uuid'
import { attachRefund, type ClaimedAction, lockAction } from './actions.repo.ts'
import { addEvent } from './events.repo.ts'
import type { PaymentDeps } from './payment.deps.ts'
import { moneyOf } from './payment.outbox.ts'
import { asProviderError, ProviderError } from './payment-provider.ts'
import { failureOutcome, idempotencyKeyFor, type Outcome, type Plan, planAction } from './payment.rules.ts'
import type { PaymentRow } from './payment.tables.ts'
import { findPayment } from './payments.repo.ts'
import { recordOutcome } from './record-outcome.ts'
import { findRefund, insertRefund } from './refunds.repo.ts'

/**
 * Runs one claimed action: decides what it comes to given where the payment stands now, calls
 * the provider outside any transaction (with the action's idempotency key and a timeout), then
 * records the outcome in one new transaction. A provider or network failure is retried with
 * the work queue's backoff under the same key; once the attempts are spent the action ends as a
 * failure (payment.failed `processor_error`, payment.capture_failed, payment.refund_failed).
 */
export async function runAction(deps: PaymentDeps, action: ClaimedAction): Promise<void> {
  const payment = await findPayment(deps.db, action.paymentId)
  if (!payment) throw new Error(`Action ${action.id} names a missing payment`)
  let refundId = action.refundId
  const refund = refundId ? await findRefund(deps.db, refundId) : undefined
  let plan = planAction({ action, payment, refund })
  if (plan.call === 'open_refund') {
    refundId = await openVoidRefund(deps, action, payment, plan.amountMinor)
    const opened = await findRefund(deps.db, refundId)
    plan = { call: 'refund', amountMinor: opened?.amountMinor ?? plan.amountMinor }
  }
  if (plan.call === 'none') {
    await recordOutcome(deps, action, refundId, plan.outcome)
    return
  }
  let outcome: Outcome
  try {
    outcome = await withTimeout(callProvider(deps, plan, action, payment, refundId), deps.worker.callTimeoutMs)
  } catch (err) {
    const error = asProviderError(err)
    if (error.retryable && (await retryLater(deps, action, error, err))) return
    deps.log.warn({ actionId: action.id, kind: action.kind, attempts: action.attempts, code: error.code, err }, 'payment action failed for good')
    outcome = failureOutcome(plan, error)
  }
  await recordOutcome(deps, action, refundId, outcome)
}

async function callProvider(deps: PaymentDeps, plan: Exclude<Plan, { call: 'none' | 'open_refund' }>, action: ClaimedAction, payment: PaymentRow, refundId: string | null): Promise<Outcome> {
  const key = idempotencyKeyFor(plan.call === 'refund' ? 'refund' : action.kind, { paymentId: payment.id, refundId })
  const { provider } = deps
  switch (plan.call) {
    case 'authorize': {
      const result = await provider.authorize(moneyOf(payment.amountMinor, payment.currency), payment.paymentMethodId ?? '', key, {
        paymentId: payment.id,
        orderId: payment.orderId,
      })
      return result.ok ? { type: 'authorized', ref: result.ref } : { type: 'authorization_failed', reason: result.reason, message: result.message }
    }
    case 'capture':
      await provider.capture(requireRef(payment), moneyOf(plan.amountMinor, payment.currency), key)
      return { type: 'captured', amountMinor: plan.amountMinor }
    case 'void':
      await provider.void(requireRef(payment), key)
      return { type: 'voided' }
    case 'refund': {
      const { refundRef } = await provider.refund(requireRef(payment), moneyOf(plan.amountMinor, payment.currency), key)
      return { type: 'refunded', amountMinor: plan.amountMinor, providerRef: refundRef }
    }
  }
}

function requireRef(payment: PaymentRow): string {
  if (!payment.providerRef) throw new ProviderError('missing_reference', 'The payment has no provider reference.', false)
  return payment.providerRef
}

/**
 * A void of a captured payment becomes a refund of the rest. Its row is made (and tied to the
 * action) before the call, so a retry after a crash reuses its id, hence its idempotency key.
 */
async function openVoidRefund(deps: PaymentDeps, action: ClaimedAction, payment: PaymentRow, amountMinor: number): Promise<string> {
  return deps.db.transaction(async (tx) => {
    const current = await lockAction(tx, action.id)
    if (current?.refundId) return current.refundId
    const id = uuidv7()
    await insertRefund(tx, { id, paymentId: payment.id, amountMinor, currency: payment.currency, status: 'pending', source: 'void', reason: action.reason })
    await attachRefund(tx, action.id, id)
    await addEvent(tx, payment.id, 'refund_requested', { refundId: id, amount: moneyOf(amountMinor, payment.currency), reason: action.reason, source: 'void' })
    return id
  })
}

/** Schedules the next attempt under the same key, with a line in the payment's history; false when the attempts are spent. */
async function retryLater(deps: PaymentDeps, action: ClaimedAction, error: ProviderError, cause: unknown): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const delayMs = await deps.actions.retry(tx, action.id, action.attempts, `${error.code}: ${error.message}`)
    if (delayMs === undefined) return false
    deps.log.warn({ actionId: action.id, kind: action.kind, attempt: action.attempts, retryInMs: delayMs, code: error.code, err: cause }, 'payment provider call failed; retrying')
    await addEvent(tx, action.paymentId, 'attempt_failed', { action: action.kind, attempt: action.attempts, code: error.code, message: error.message, retryInMs: delayMs })
    return true
  })
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProviderError('timeout', `The payment provider did not answer within ${ms} ms.`, true)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
