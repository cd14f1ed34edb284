import { v7 as uuidv7 } from 'uuid'
import type { Message } from '../../contracts/message.ts'
import type { PayloadOf } from '../../contracts/messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import { enqueueAction, hasAction } from './actions.repo.ts'
import { addEvent } from './events.repo.ts'
import type { PaymentDeps } from './payment.deps.ts'
import { trailOf } from './payment.outbox.ts'
import { insertPayment, lockPaymentByOrder } from './payments.repo.ts'

/**
 * payment.void: the order no longer wants the money. Queued behind the payment's other actions
 * and decided when it runs: an authorization is voided, a captured payment refunded in full, an
 * authorization still pending voided as soon as it lands. With no payment yet, a voided
 * tombstone takes the order's slot so that a later payment.authorize is refused (`cancelled`);
 * no event answers that case (payment.voided names a customer the void does not carry).
 */
export async function requestVoid(deps: PaymentDeps, tx: Tx, msg: Message<PayloadOf<'payment.void'>>): Promise<void> {
  const { orderId, reason } = msg.payload
  const tombstone = await insertPayment(tx, {
    id: uuidv7(),
    orderId,
    origin: 'void',
    provider: deps.provider.name,
    status: 'voided',
    amountMinor: 0,
    currency: deps.config.currency,
  })
  if (tombstone) {
    await addEvent(tx, tombstone.id, 'voided', { reason, before: 'authorization' })
    return
  }
  const payment = await lockPaymentByOrder(tx, orderId)
  if (!payment || (await hasAction(tx, payment.id, 'void')) || payment.origin === 'void') {
    deps.log.debug({ orderId }, 'payment.void replayed; nothing new to do')
    return
  }
  await addEvent(tx, payment.id, 'void_requested', { reason })
  await enqueueAction(tx, deps.actions, { paymentId: payment.id, kind: 'void', reason, trail: trailOf(msg) })
}
