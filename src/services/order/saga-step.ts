import type { Tx } from '../../platform/db/db.ts'
import { cancelledEvent, commandFor, confirmedEvent, deliveredEvent, shippedEvent } from './order.events.ts'
import type { OrderDeps } from './order.deps.ts'
import type { OrderStatus } from './order.rules.ts'
import type { OrderLineRow, OrderRow } from './order.tables.ts'
import { addHistory, addSagaLog, findLinesOf, type OrderPatch, updateOrder } from './orders.repo.ts'
import { type SagaEvent, type SagaState, type Transition, transition } from './saga.rules.ts'

export interface ShipmentFacts {
  shipmentId: string
  trackingNumber: string
  carrier: string
  /** When the carrier took it, or delivered it. */
  at: Date
}

export interface SagaInput {
  event: SagaEvent
  /** The message type or action, for the saga log. */
  entry: string
  /** For a person: why the order was cancelled, or what the news was. */
  detail?: string
  /** The payment the news is about: ordering keeps its id. */
  paymentId?: string
  /** The shipment, for shipped and delivered news. */
  shipment?: ShipmentFacts
}

export function sagaStateOf(order: OrderRow): SagaState {
  return {
    status: order.status,
    step: order.sagaStep,
    payment: order.paymentStatus,
    refundedMinor: Number(order.refundedMinor),
    stockCommitted: order.stockCommitted,
  }
}

/**
 * The capture step has longer than the others: nobody waits on it (the customer already sees the
 * order confirmed) and an authorization holds for days, so only a real outage should undo a sale.
 */
export const CAPTURE_STEP_FACTOR = 3

/** The order columns a transition changes. */
function patchOf(order: OrderRow, t: Transition, input: SagaInput, settings: OrderDeps['settings']): OrderPatch {
  const patch: OrderPatch = {}
  const entered = t.enters.at(-1)
  if (entered) patch.status = entered
  if (t.step && t.step !== order.sagaStep) patch.sagaStep = t.step
  if (t.payment) patch.paymentStatus = t.payment
  if (t.refundedMinor !== undefined) patch.refundedMinor = t.refundedMinor
  if (t.stockCommitted) patch.stockCommitted = true
  if (t.deadline === 'restart') patch.stepSeconds = settings.stepTimeoutSeconds * ((t.step ?? order.sagaStep) === 'capturing' ? CAPTURE_STEP_FACTOR : 1)
  if (t.deadline === 'clear' && order.stepDeadline) patch.stepSeconds = null
  if (t.reason) {
    patch.cancellationReason = t.reason
    patch.cancellationDetail = input.detail ?? null
  }
  if (input.paymentId && input.paymentId !== order.paymentId) patch.paymentId = input.paymentId
  const now = new Date()
  const stamps: Partial<Record<OrderStatus, Partial<OrderPatch>>> = {
    confirmed: { confirmedAt: now },
    cancelled: { cancelledAt: now },
    shipped: { shippedAt: input.shipment?.at ?? now },
    delivered: { deliveredAt: input.shipment?.at ?? now },
  }
  for (const status of t.enters) Object.assign(patch, stamps[status])
  return patch
}

/**
 * One step of the checkout saga on an order the caller has locked: the transition table
 * (saga.rules.ts) says what the event means in the order's current state, and this writes what
 * it says — the order, its history, the commands and the events of each status it enters — in
 * the caller's transaction. Nothing else changes an order's status, step or facts.
 */
export async function runSagaStep(deps: OrderDeps, tx: Tx, order: OrderRow, input: SagaInput): Promise<OrderRow> {
  const t = transition(sagaStateOf(order), input.event)
  const patch = patchOf(order, t, input, deps.settings)
  const updated = Object.keys(patch).length > 0 ? await updateOrder(tx, order.id, patch) : order
  for (const status of t.enters) await addHistory(tx, order.id, status)

  const why = t.reason ?? (order.status === 'cancelled' ? (order.cancellationReason ?? 'cancelled') : input.event.type)
  for (const command of t.send) {
    if (command !== 'reserve') await deps.outbox.add(tx, commandFor(command, updated, why))
  }

  let lines: OrderLineRow[] | undefined
  const linesOf = async () => (lines ??= await findLinesOf(tx, order.id))
  for (const status of t.enters) {
    if (status === 'confirmed') await deps.outbox.add(tx, confirmedEvent(updated, await linesOf()))
    if (status === 'cancelled') await deps.outbox.add(tx, cancelledEvent(updated, order.status === 'confirmed' ? 'confirmed' : 'pending', await linesOf()))
    if (status === 'shipped' && input.shipment) await deps.outbox.add(tx, shippedEvent(updated, input.shipment))
    if (status === 'delivered') await deps.outbox.add(tx, deliveredEvent(updated, await linesOf(), updated.deliveredAt ?? new Date()))
  }

  // The happy path's news is in the order row itself; the log keeps what someone may look into later.
  if (t.outcome === 'ignored') await addSagaLog(tx, order.id, input.entry, `nothing to do: the order is ${order.status} (${order.sagaStep})`)
  else if (t.outcome === 'compensated') await addSagaLog(tx, order.id, input.entry, `late for a ${order.status} order: sent ${t.send.join(', ')} to undo it`)
  else if (input.detail) await addSagaLog(tx, order.id, input.entry, input.detail)
  return updated
}
