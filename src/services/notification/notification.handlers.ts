import type { Message } from '../../contracts/message.ts'
import type { PayloadOf } from '../../contracts/messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import { insertNotification } from './notification.repo.ts'
import { renderPasswordReset, renderVerification, renderWelcome } from './notification.templates.ts'

/**
 * Messages are stored as the customer's inbox; in embedded mode this is where they are read.
 * Delivery over SMTP comes with the full notification service.
 */
export async function onUserRegistered(msg: Message<PayloadOf<'user.registered'>>, tx: Tx): Promise<void> {
  const p = msg.payload
  await insertNotification(tx, { ...renderWelcome(p), userId: p.userId, recipient: p.email, sourceMessageId: msg.id, status: 'sent' })
}

export async function onVerificationRequested(msg: Message<PayloadOf<'user.verification_requested'>>, tx: Tx): Promise<void> {
  const p = msg.payload
  await insertNotification(tx, { ...renderVerification(p), userId: p.userId, recipient: p.email, sourceMessageId: msg.id, status: 'sent' })
}

export async function onPasswordResetRequested(msg: Message<PayloadOf<'user.password_reset_requested'>>, tx: Tx): Promise<void> {
  const p = msg.payload
  await insertNotification(tx, { ...renderPasswordReset(p), userId: p.userId, recipient: p.email, sourceMessageId: msg.id, status: 'sent' })
}
