import type { Message } from '../../contracts/message.ts'
import type { PayloadOf } from '../../contracts/messages.ts'
import { paymentRefundFailed } from '../../contracts/payment.messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import { enqueueAction } from './actions.repo.ts'
import { addEvent } from './events.repo.ts'
import type { PaymentDeps } from './payment.deps.ts'
import { emit, trailOf } from './payment.outbox.ts'
import { lockPaymentByOrder } from './payments.repo.ts'
import { insertRefund } from './refunds.repo.ts'

type Refund = PayloadOf<'payment.refund'>

/** Why a refund command cannot even be queued, or undefined. */
function refusalOf(command: Refund, currency: string): { reason: string; message: string } | undefined {
  if (command.amount && command.amount.currency !== currency) {
    return { reason: 'currency_mismatch', message: `The payment is in ${currency}, the refund asks for ${command.amount.currency}.` }
  }
  if (command.amount && command.amount.amount <= 0) return { reason: 'invalid_amount', message: 'A refund must be of a positive amount.' }
  return undefined
}

/**
 * payment.refund: records the refund under its refundId (a replay finds it and does nothing) and
 * queues it behind the payment's other actions; how much is left to refund is decided when it
 * runs. An order with no payment is answered payment.refund_failed at once.
 */
export async function requestRefund(deps: PaymentDeps, tx: Tx, msg: Message<Refund>): Promise<void> {
  const command = msg.payload
  const trail = trailOf(msg)
  const payment = await lockPaymentByOrder(tx, command.orderId)
  if (!payment) {
    const message = 'The order has no payment to refund.'
    await emit(deps, tx, paymentRefundFailed({ orderId: command.orderId, refundId: command.refundId, reason: 'no_payment', message }), trail)
    return
  }
  const refusal = refusalOf(command, payment.currency)
  const refund = await insertRefund(tx, {
    id: command.refundId,
    paymentId: payment.id,
    amountMinor: refusal ? null : (command.amount?.amount ?? null),
    currency: payment.currency,
    status: refusal ? 'failed' : 'pending',
    source: 'command',
    reason: command.reason,
    failureReason: refusal?.reason ?? null,
    failureMessage: refusal?.message ?? null,
  })
  if (!refund) {
    deps.log.debug({ refundId: command.refundId }, 'payment.refund replayed; the refund is already recorded')
    return
  }
  if (refusal) {
    await addEvent(tx, payment.id, 'refund_failed', { refundId: refund.id, ...refusal })
    await emit(deps, tx, paymentRefundFailed({ orderId: command.orderId, refundId: refund.id, ...refusal }), trail)
    return
  }
  await addEvent(tx, payment.id, 'refund_requested', { refundId: refund.id, amount: command.amount ?? 'rest', reason: command.reason })
  await enqueueAction(tx, deps.actions, { paymentId: payment.id, kind: 'refund', refundId: refund.id, trail })
}
