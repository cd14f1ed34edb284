import type { Message } from '../../contracts/message.ts'
import type { PayloadOf } from '../../contracts/messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import type { NotificationDeps } from './notification.deps.ts'
import type { Rendered } from './notification.format.ts'
import { storeMessages } from './notification.repo.ts'
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
 * Each handler runs inside the inbox transaction of its message and only stores what is to be
 * sent: the delivery worker sends it after commit, outside any transaction.
 */

type Deps = Pick<NotificationDeps, 'log' | 'mailer' | 'deliveries'>

async function queueFor(tx: Tx, deps: Deps, msg: Message<unknown>, person: { userId: string; email: string }, rendered: Rendered): Promise<void> {
  await storeMessages(tx, deps, [{ ...rendered, userId: person.userId, recipient: person.email, sourceMessageId: msg.id }])
}

/** A welcome for everyone; an admin is also remembered as a recipient of admin alerts. */
export async function onUserRegistered(msg: Message<PayloadOf<'user.registered'>>, tx: Tx, deps: Deps): Promise<void> {
  const p = msg.payload
  if (p.role === 'admin') await upsertAdmin(tx, { userId: p.userId, email: p.email, firstName: p.firstName })
  await queueFor(tx, deps, msg, p, renderWelcome(p))
}

export async function onVerificationRequested(msg: Message<PayloadOf<'user.verification_requested'>>, tx: Tx, deps: Deps): Promise<void> {
  await queueFor(tx, deps, msg, msg.payload, renderVerification(msg.payload))
}

export async function onPasswordResetRequested(msg: Message<PayloadOf<'user.password_reset_requested'>>, tx: Tx, deps: Deps): Promise<void> {
  await queueFor(tx, deps, msg, msg.payload, renderPasswordReset(msg.payload))
}

type OrderMessage = Message<{ orderId: string; number: string; customerId: string; email: string }>

async function queueForCustomer(tx: Tx, deps: Deps, msg: OrderMessage, rendered: Rendered): Promise<void> {
  const p = msg.payload
  await rememberOrderNumber(tx, p.orderId, p.number)
  await queueFor(tx, deps, msg, { userId: p.customerId, email: p.email }, rendered)
}

export async function onOrderConfirmed(msg: Message<PayloadOf<'order.confirmed'>>, tx: Tx, deps: Deps): Promise<void> {
  await queueForCustomer(tx, deps, msg, renderOrderConfirmed(msg.payload))
}

/** A declined payment is told as payment_failed; any other reason as order_cancelled. */
export async function onOrderCancelled(msg: Message<PayloadOf<'order.cancelled'>>, tx: Tx, deps: Deps): Promise<void> {
  await queueForCustomer(tx, deps, msg, renderOrderCancelled(msg.payload))
}

export async function onOrderShipped(msg: Message<PayloadOf<'order.shipped'>>, tx: Tx, deps: Deps): Promise<void> {
  await queueForCustomer(tx, deps, msg, renderOrderShipped(msg.payload))
}

export async function onOrderDelivered(msg: Message<PayloadOf<'order.delivered'>>, tx: Tx, deps: Deps): Promise<void> {
  await queueForCustomer(tx, deps, msg, renderOrderDelivered(msg.payload))
}

export async function onPaymentRefunded(msg: Message<PayloadOf<'payment.refunded'>>, tx: Tx, deps: Deps): Promise<void> {
  const p = msg.payload
  const number = await findOrderNumber(tx, p.orderId)
  await queueFor(tx, deps, msg, { userId: p.customerId, email: p.email }, renderPaymentRefunded(p, number))
}

/** Every known admin gets the alert, each in their own row. */
export async function onLowStock(msg: Message<PayloadOf<'inventory.low_stock'>>, tx: Tx, deps: Deps): Promise<void> {
  const recipients = await listAdmins(tx)
  if (recipients.length === 0) {
    deps.log.warn({ sku: msg.payload.sku }, 'low stock alert has no admin to go to: no admin has registered yet')
    return
  }
  await storeMessages(
    tx,
    deps,
    recipients.map((a) => ({ ...renderLowStock(msg.payload, a), userId: a.userId, recipient: a.email, sourceMessageId: msg.id })),
  )
}
