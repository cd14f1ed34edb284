import { Conflict } from '../../platform/errors.ts'
import { uniqueViolation } from '../../platform/db/pg-errors.ts'
import { announceShipment } from './shipment-events.ts'
import { type ShipmentDto, type ShipmentPatch, toShipmentDto } from './shipments.dto.ts'
import { lockShipment, moveShipment, setTrackingNumber } from './shipments.repo.ts'
import type { ShippingDeps } from './shipping.deps.ts'
import { planShipmentChange } from './shipping.rules.ts'

/**
 * An admin moves a shipment forward (in_transit, delivered, cancelled), optionally with the
 * carrier's tracking number. The same status again is a no-op; backwards is 409. Each move writes
 * its event (shipment.shipped, .delivered, .cancelled) in the same transaction.
 */
export async function changeShipment(deps: ShippingDeps, id: string, patch: ShipmentPatch): Promise<ShipmentDto> {
  try {
    return await deps.db.transaction(async (tx) => {
      const current = await lockShipment(tx, id)
      const change = planShipmentChange(current, patch)
      switch (change.kind) {
        case 'none':
          return toShipmentDto(current)
        case 'tracking':
          return toShipmentDto(await setTrackingNumber(tx, id, change.trackingNumber))
        case 'move': {
          const at = new Date()
          const moved = await moveShipment(tx, current, { status: change.to, trackingNumber: change.trackingNumber, at })
          await announceShipment(deps, tx, moved, at)
          deps.log.info({ shipmentId: id, orderId: moved.orderId, from: current.status, to: moved.status }, 'shipment moved')
          return toShipmentDto(moved)
        }
      }
    })
  } catch (err) {
    if (uniqueViolation(err) !== undefined) {
      throw new Conflict(`Tracking number ${patch.trackingNumber ?? ''} belongs to another shipment.`, 'tracking_number_taken')
    }
    throw err
  }
}
