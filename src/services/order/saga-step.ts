import type { Tx } from '../../platform/db/db.ts'
import { cancelledEvent, commandFor, confirmedEvent } from './order.events.ts'
import type { OrderDeps } from './order.deps.ts'
import { nextPaymentStatus, type PaymentStatus, reactTo, type SagaCommand, type SagaEvent } from './order.rules.ts'
import type { OrderRow } from './order.tables.ts'
import { addHistory, addSagaLog, findLinesOf, type OrderPatch, updateOrder } from './orders.repo.ts'

/** Facts about the money that a message brings, recorded with whatever the saga does. */
export interface PaymentFacts {
  status?: PaymentStatus
  paymentId?: string
  /** Everything refunded so far, in minor units. */
  refundedTotal?: number
}

export interface SagaInput {
  event: SagaEvent
  /** The message type or action, for the saga log. */
  entry: string
  /** For a person: why the order was cancelled, if it is. */
  detail?: string
  payment?: PaymentFacts
}

/** The order columns the payment facts change; a late fact about an earlier stage moves nothing back. */
export function paymentPatch(order: OrderRow, facts: PaymentFacts | undefined): OrderPatch {
  if (!facts) return {}
  const patch: OrderPatch = {}
  if (facts.status) {
    const status = nextPaymentStatus(order.paymentStatus, facts.status)
    if (status !== order.paymentStatus) patch.paymentStatus = status
  }
  if (facts.paymentId && facts.paymentId !== order.paymentId) patch.paymentId = facts.paymentId
  if (facts.refundedTotal !== undefined && facts.refundedTotal > Number(order.refundedMinor)) patch.refundedMinor = facts.refundedTotal
  return patch
}

async function send(deps: OrderDeps, tx: Tx, order: OrderRow, commands: readonly SagaCommand[], reason: string): Promise<void> {
  for (const command of commands) {
    if (command === 'reserve') continue
    await deps.outbox.add(tx, commandFor(command, order, reason))
  }
}

/**
 * One step of the checkout saga on an order the caller has locked: the transition table says
 * what the event means in the order's current state, and the order, its history, the commands
 * and the events it causes are written in the caller's transaction.
 */
export async function runSagaStep(deps: OrderDeps, tx: Tx, order: OrderRow, input: SagaInput): Promise<OrderRow> {
  const reaction = reactTo(input.event, { status: order.status, step: order.sagaStep, stockCommitted: order.stockCommitted })
  const payment = paymentPatch(order, input.payment)
  switch (reaction.kind) {
    case 'ignore': {
      const updated = Object.keys(payment).length > 0 ? await updateOrder(tx, order.id, payment) : order
      await addSagaLog(tx, order.id, input.entry, `nothing to do: the order is ${order.status} (${order.sagaStep})`)
      return updated
    }
    case 'compensate': {
      const updated = Object.keys(payment).length > 0 ? await updateOrder(tx, order.id, payment) : order
      await send(deps, tx, updated, reaction.send, order.cancellationReason ?? 'cancelled')
      await addSagaLog(tx, order.id, input.entry, `late for a ${order.status} order: sent ${reaction.send.join(', ')} to undo it`)
      return updated
    }
    case 'advance': {
      const updated = await updateOrder(tx, order.id, { ...payment, sagaStep: reaction.step, stepSeconds: deps.settings.stepTimeoutSeconds })
      await send(deps, tx, updated, reaction.send, input.event)
      return updated
    }
    case 'confirm': {
      const updated = await updateOrder(tx, order.id, { ...payment, status: 'confirmed', sagaStep: 'capturing', stepSeconds: null, confirmedAt: new Date() })
      await addHistory(tx, order.id, 'confirmed')
      await send(deps, tx, updated, reaction.send, input.event)
      await deps.outbox.add(tx, confirmedEvent(updated, await findLinesOf(tx, order.id)))
      return updated
    }
    case 'cancel': {
      const updated = await updateOrder(tx, order.id, {
        ...payment,
        status: 'cancelled',
        sagaStep: 'done',
        stepSeconds: null,
        cancellationReason: reaction.reason,
        cancellationDetail: input.detail ?? null,
        cancelledAt: new Date(),
      })
      await addHistory(tx, order.id, 'cancelled')
      await send(deps, tx, updated, reaction.send, reaction.reason)
      const previous = order.status === 'confirmed' ? 'confirmed' : 'pending'
      await deps.outbox.add(tx, cancelledEvent(updated, previous, await findLinesOf(tx, order.id)))
      if (input.detail) await addSagaLog(tx, order.id, input.entry, input.detail)
      return updated
    }
  }
}
