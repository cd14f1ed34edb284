import type { Tx } from '../../platform/db/db.ts'
import { deliveredEvent, shippedEvent } from './order.events.ts'
import type { OrderDeps } from './order.deps.ts'
import { canMove } from './order.rules.ts'
import type { OrderRow } from './order.tables.ts'
import { addHistory, addSagaLog, findLinesOf, updateOrder } from './orders.repo.ts'

export interface ShipmentFacts {
  shipmentId: string
  trackingNumber: string
  carrier: string
}

/** A confirmed order handed to the carrier becomes shipped; anything else (a repeat, a cancelled order) changes nothing. */
export async function markShipped(deps: OrderDeps, tx: Tx, order: OrderRow, shipment: ShipmentFacts, shippedAt: Date): Promise<OrderRow> {
  if (!canMove(order.status, 'shipped')) {
    await addSagaLog(tx, order.id, 'shipment.shipped', `nothing to do: the order is ${order.status}`)
    return order
  }
  const updated = await updateOrder(tx, order.id, { status: 'shipped', shippedAt })
  await addHistory(tx, order.id, 'shipped')
  await deps.outbox.add(tx, shippedEvent(updated, { shipmentId: shipment.shipmentId, trackingNumber: shipment.trackingNumber, carrier: shipment.carrier }))
  return updated
}

/**
 * A delivered shipment makes the order delivered (shipped first, if that news never came), and
 * the delivery time starts the return window. Reviews open from the order.delivered event.
 */
export async function markDelivered(deps: OrderDeps, tx: Tx, order: OrderRow, shipment: ShipmentFacts, deliveredAt: Date): Promise<OrderRow> {
  let current = order
  if (current.status === 'confirmed') current = await markShipped(deps, tx, current, shipment, deliveredAt)
  if (!canMove(current.status, 'delivered')) {
    await addSagaLog(tx, order.id, 'shipment.delivered', `nothing to do: the order is ${current.status}`)
    return current
  }
  const updated = await updateOrder(tx, order.id, { status: 'delivered', deliveredAt })
  await addHistory(tx, order.id, 'delivered')
  await deps.outbox.add(tx, deliveredEvent(updated, await findLinesOf(tx, order.id), deliveredAt))
  return updated
}
