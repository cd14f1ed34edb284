import { v7 as uuidv7 } from 'uuid'
import type { Message } from '../../contracts/message.ts'
import type { PayloadOf } from '../../contracts/messages.ts'
import { paymentFailed } from '../../contracts/payment.messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import { enqueueAction } from './actions.repo.ts'
import { addEvent } from './events.repo.ts'
import { findMethod } from './methods.repo.ts'
import type { PaymentDeps } from './payment.deps.ts'
import { emit, trailOf } from './payment.outbox.ts'
import type { PaymentMethodRow, PaymentRow } from './payment.tables.ts'
import { insertPayment, lockPaymentByOrder, updatePayment } from './payments.repo.ts'

type Authorize = PayloadOf<'payment.authorize'>

function methodProblem(method: PaymentMethodRow | undefined, command: Authorize, provider: string): string | undefined {
  if (!method) return 'No such payment method.'
  if (method.customerId !== command.customerId) return 'This payment method does not belong to the customer.'
  if (method.provider !== provider) return `This payment method was made with the ${method.provider} provider.`
  return undefined
}

/**
 * payment.authorize, inside the command's inbox transaction: records the payment as pending and
 * queues the provider call for the worker (no network here). One payment per order: a replay
 * finds it and does nothing; an order voided before this arrived is refused (`cancelled`); a
 * method that is unknown or another customer's fails at once (`invalid_payment_method`).
 */
export async function requestAuthorization(deps: PaymentDeps, tx: Tx, msg: Message<Authorize>): Promise<void> {
  const command = msg.payload
  const trail = trailOf(msg)
  const method = await findMethod(tx, command.paymentMethodId)
  const problem = methodProblem(method, command, deps.provider.name)
  const inserted = await insertPayment(tx, {
    id: uuidv7(),
    orderId: command.orderId,
    origin: 'authorize',
    customerId: command.customerId,
    email: command.email,
    provider: deps.provider.name,
    paymentMethodId: command.paymentMethodId,
    // Another customer's card shows nothing of itself here.
    cardBrand: problem ? null : (method?.brand ?? null),
    cardLast4: problem ? null : (method?.last4 ?? null),
    status: problem ? 'failed' : 'pending',
    amountMinor: command.amount.amount,
    currency: command.amount.currency,
    failureReason: problem ? 'invalid_payment_method' : null,
    failureMessage: problem ?? null,
  })
  if (!inserted) {
    await answerExisting(deps, tx, msg, method)
    return
  }
  if (problem) {
    await addEvent(tx, inserted.id, 'authorization_failed', { reason: 'invalid_payment_method', message: problem })
    await emit(deps, tx, paymentFailed({ ...refOf(inserted, command), reason: 'invalid_payment_method', message: problem }), trail)
    return
  }
  await addEvent(tx, inserted.id, 'authorization_requested', { amount: command.amount, paymentMethod: { brand: method?.brand, last4: method?.last4 } })
  await enqueueAction(tx, deps.actions, { paymentId: inserted.id, kind: 'authorize', trail })
}

function refOf(p: PaymentRow, command: Authorize) {
  return { orderId: p.orderId, paymentId: p.id, customerId: command.customerId, email: command.email }
}

/** The order already has a payment: a replay changes nothing; a tombstone refuses the first authorize it meets. */
async function answerExisting(deps: PaymentDeps, tx: Tx, msg: Message<Authorize>, method: PaymentMethodRow | undefined): Promise<void> {
  const command = msg.payload
  const existing = await lockPaymentByOrder(tx, command.orderId)
  if (!existing || existing.origin !== 'void' || existing.customerId !== null) {
    deps.log.debug({ orderId: command.orderId }, 'payment.authorize replayed; the order already has its payment')
    return
  }
  const message = 'The order was cancelled before its payment was authorized.'
  const own = method && method.customerId === command.customerId ? method : undefined
  await updatePayment(tx, existing.id, {
    customerId: command.customerId,
    email: command.email,
    paymentMethodId: command.paymentMethodId,
    cardBrand: own?.brand ?? null,
    cardLast4: own?.last4 ?? null,
    amountMinor: command.amount.amount,
    currency: command.amount.currency,
    failureReason: 'cancelled',
    failureMessage: message,
  })
  await addEvent(tx, existing.id, 'authorization_refused', { reason: 'cancelled', amount: command.amount })
  await emit(deps, tx, paymentFailed({ ...refOf(existing, command), reason: 'cancelled', message }), trailOf(msg))
}
