import type { Message } from '../../contracts/message.ts'
import type { PayloadOf } from '../../contracts/messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import type { NotificationDeps } from './notification.deps.ts'
import type { Rendered } from './notification.format.ts'
import { insertPending } from './notification.repo.ts'
import {
  renderLowStock,
  renderOrderCancelled,
  renderOrderConfirmed,
  renderOrderDelivered,
  renderOrderShipped,
  renderPasswordReset,
  renderPaymentRefunded,
  renderVerification,
  renderWelcome,
} from './notification.templates.ts'
import { findOrderNumber, listAdmins, rememberOrderNumber, upsertAdmin } from './recipients.repo.ts'

/**
 * Each handler runs inside the inbox transaction of its message and only queues what is to be
 * sent (status pending, due now): the delivery worker sends it after commit, outside any
 * transaction.
 */


async function queueFor(tx: Tx, msg: Message<unknown>, person: { userId: string; email: string }, rendered: Rendered): Promise<void> {
  await insertPending(tx, [{ ...rendered, userId: person.userId, recipient: person.email, sourceMessageId: msg.id }])
}

/** A welcome for everyone; an admin is also remembered as a recipient of admin alerts. */
export async function onUserRegistered(msg: Message<PayloadOf<'user.registered'>>, tx: Tx): Promise<void> {
  const p = msg.payload
  if (p.role === 'admin') await upsertAdmin(tx, { userId: p.userId, email: p.email, firstName: p.firstName })
  await queueFor(tx, msg, p, renderWelcome(p))
}

export async function onVerificationRequested(msg: Message<PayloadOf<'user.verification_requested'>>, tx: Tx): Promise<void> {
  await queueFor(tx, msg, msg.payload, renderVerification(msg.payload))
}

export async function onPasswordResetRequested(msg: Message<PayloadOf<'user.password_reset_requested'>>, tx: Tx): Promise<void> {
  await queueFor(tx, msg, msg.payload, renderPasswordReset(msg.payload))
}

type OrderMessage = Message<{ orderId: string; number: string; customerId: string; email: string }>

async function queueForCustomer(tx: Tx, msg: OrderMessage, rendered: Rendered): Promise<void> {
  const p = msg.payload
  await rememberOrderNumber(tx, p.orderId, p.number)
  await queueFor(tx, msg, { userId: p.customerId, email: p.email }, rendered)
}

export async function onOrderConfirmed(msg: Message<PayloadOf<'order.confirmed'>>, tx: Tx): Promise<void> {
  await queueForCustomer(tx, msg, renderOrderConfirmed(msg.payload))
}

/** A declined payment is told as payment_failed; any other reason as order_cancelled. */
export async function onOrderCancelled(msg: Message<PayloadOf<'order.cancelled'>>, tx: Tx): Promise<void> {
  await queueForCustomer(tx, msg, renderOrderCancelled(msg.payload))
}

export async function onOrderShipped(msg: Message<PayloadOf<'order.shipped'>>, tx: Tx): Promise<void> {
  await queueForCustomer(tx, msg, renderOrderShipped(msg.payload))
}

export async function onOrderDelivered(msg: Message<PayloadOf<'order.delivered'>>, tx: Tx): Promise<void> {
  await queueForCustomer(tx, msg, renderOrderDelivered(msg.payload))
}

export async function onPaymentRefunded(msg: Message<PayloadOf<'payment.refunded'>>, tx: Tx): Promise<void> {
  const p = msg.payload
  const number = await findOrderNumber(tx, p.orderId)
  await queueFor(tx, msg, { userId: p.customerId, email: p.email }, renderPaymentRefunded(p, number))
}

/** Every known admin gets the alert, each in their own row. */
export async function onLowStock(msg: Message<PayloadOf<'inventory.low_stock'>>, tx: Tx, deps: Pick<NotificationDeps, 'log'>): Promise<void> {
  const recipients = await listAdmins(tx)
  if (recipients.length === 0) {
    deps.log.warn({ sku: msg.payload.sku }, 'low stock alert has no admin to go to: no admin has registered yet')
    return
  }
  await insertPending(
    tx,
    recipients.map((a) => ({ ...renderLowStock(msg.payload, a), userId: a.userId, recipient: a.email, sourceMessageId: msg.id })),
  )
}
