import type { Tx } from '../../platform/db/db.ts'
import { announceShipment } from './shipment-events.ts'
import { lockLiveShipmentOf, moveShipment } from './shipments.repo.ts'
import type { ShippingDeps } from './shipping.deps.ts'

/**
 * The order was cancelled: its pending shipment is cancelled too (shipment.cancelled). A parcel
 * already with the carrier cannot be called back from here: it is left as it is, with a warning
 * for people to sort out. A delivered one, or none, needs nothing.
 */
export async function cancelShipmentOfOrder(deps: ShippingDeps, tx: Tx, orderId: string): Promise<void> {
  const shipment = await lockLiveShipmentOf(tx, orderId)
  if (!shipment) return
  if (shipment.status === 'pending') {
    const at = new Date()
    const cancelled = await moveShipment(tx, shipment, { status: 'cancelled', trackingNumber: shipment.trackingNumber, at })
    await announceShipment(deps, tx, cancelled, at)
    deps.log.info({ shipmentId: shipment.id, orderId }, 'shipment cancelled with its order')
    return
  }
  if (shipment.status === 'in_transit') {
    deps.log.warn(
      { shipmentId: shipment.id, orderId, trackingNumber: shipment.trackingNumber, carrier: shipment.carrier },
      'order cancelled while its shipment is in transit; the shipment is left as it is',
    )
  }
}
