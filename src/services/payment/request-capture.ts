import type { Message } from '../../contracts/message.ts'
import type { PayloadOf } from '../../contracts/messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import { enqueueAction, hasAction } from './actions.repo.ts'
import { addEvent } from './events.repo.ts'
import type { PaymentDeps } from './payment.deps.ts'
import { trailOf } from './payment.outbox.ts'
import { lockPaymentByOrder } from './payments.repo.ts'

/** The order service sends a capture only after payment.authorized: a capture for an order with no payment is retried, then dead-lettered for an admin. */
export class NoPaymentForOrder extends Error {
  constructor(orderId: string) {
    super(`Order ${orderId} has no payment to capture.`)
    this.name = 'NoPaymentForOrder'
  }
}

/**
 * payment.capture: queues the capture behind whatever the payment is still doing, so a capture
 * sent while the authorization is pending runs once it has landed. A replay finds its action and
 * does nothing. Whether there is anything to capture is decided when it runs.
 */
export async function requestCapture(deps: PaymentDeps, tx: Tx, msg: Message<PayloadOf<'payment.capture'>>): Promise<void> {
  const { orderId } = msg.payload
  const payment = await lockPaymentByOrder(tx, orderId)
  if (!payment) throw new NoPaymentForOrder(orderId)
  if (payment.origin === 'void' && payment.customerId === null) {
    await addEvent(tx, payment.id, 'capture_ignored', { reason: 'The order was voided before any payment was made.' })
    return
  }
  if (await hasAction(tx, payment.id, 'capture')) {
    deps.log.debug({ orderId }, 'payment.capture replayed; the capture is already queued or done')
    return
  }
  await addEvent(tx, payment.id, 'capture_requested')
  await enqueueAction(tx, deps.actions, { paymentId: payment.id, kind: 'capture', trail: trailOf(msg) })
}
