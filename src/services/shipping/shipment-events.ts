import { shipmentCancelled, shipmentCreated, shipmentDelivered, shipmentShipped } from '../../contracts/shipping.events.ts'
import type { DbOrTx } from '../../platform/db/db.ts'
import type { ShippingDeps } from './shipping.deps.ts'
import type { ShipmentRow } from './shipping.tables.ts'

function refOf(s: ShipmentRow) {
  return { shipmentId: s.id, orderId: s.orderId, trackingNumber: s.trackingNumber, carrier: s.carrier }
}

/** The event of the shipment's current status, written in the transaction that set it. */
export async function announceShipment(deps: Pick<ShippingDeps, 'outbox'>, tx: DbOrTx, s: ShipmentRow, at: Date): Promise<void> {
  switch (s.status) {
    case 'pending':
      await deps.outbox.add(tx, shipmentCreated(refOf(s)))
      return
    case 'in_transit':
      await deps.outbox.add(tx, shipmentShipped({ ...refOf(s), shippedAt: at.toISOString() }))
      return
    case 'delivered':
      await deps.outbox.add(tx, shipmentDelivered({ ...refOf(s), deliveredAt: at.toISOString() }))
      return
    case 'cancelled':
      await deps.outbox.add(tx, shipmentCancelled(refOf(s)))
      return
  }
}
