import { v7 as uuidv7 } from 'uuid'
import { Conflict, RuleViolation } from '../../platform/errors.ts'
import { uniqueViolation } from '../../platform/db/pg-errors.ts'
import { findCarrierOf } from './methods.repo.ts'
import { lockOrder } from './orders.repo.ts'
import { announceShipment } from './shipment-events.ts'
import { type CreateShipmentBody, type ShipmentDto, toShipmentDto } from './shipments.dto.ts'
import { insertShipment, lockLiveShipmentOf } from './shipments.repo.ts'
import type { ShippingDeps } from './shipping.deps.ts'
import { shipmentRefusal } from './shipping.rules.ts'
import { newTrackingNumber } from './tracking-numbers.ts'

/** How often a shipment draws a new tracking number when the drawn one is taken. */
const TRACKING_DRAWS = 3

function shipmentExists(orderId: string): Conflict {
  return new Conflict(`Order ${orderId} already has a shipment; cancel it before making another.`, 'shipment_exists')
}

/**
 * An admin makes the shipment of a confirmed order: pending, with the carrier of the order's
 * shipping method (or the one given) and a new tracking number; shipment.created goes out with it.
 * 409 when shipping does not know the order as confirmed (not confirmed, cancelled, or its
 * order.confirmed not arrived yet), and when the order already has a shipment that is not cancelled.
 */
export async function createShipment(deps: ShippingDeps, body: CreateShipmentBody): Promise<ShipmentDto> {
  for (let draw = 1; ; draw += 1) {
    try {
      return await deps.db.transaction(async (tx) => {
        // The order's row stays locked: its cancellation waits for this shipment, and then cancels it.
        const order = await lockOrder(tx, body.orderId)
        const refusal = shipmentRefusal(order)
        if (refusal || !order) throw new Conflict(refusal?.detail ?? 'The order is not confirmed.', refusal?.code)
        if (await lockLiveShipmentOf(tx, order.orderId)) throw shipmentExists(order.orderId)
        const carrier = body.carrier ?? (order.shippingMethodId ? await findCarrierOf(tx, order.shippingMethodId) : undefined)
        if (!carrier) {
          throw new RuleViolation(`The order's shipping method is not known to shipping: name the carrier.`, 'carrier_unknown', [
            { path: 'carrier', message: 'Required for this order' },
          ])
        }
        const at = new Date()
        const shipment = await insertShipment(tx, {
          id: uuidv7(),
          orderId: order.orderId,
          orderNumber: order.number,
          customerId: order.customerId,
          shippingMethodId: order.shippingMethodId,
          carrier,
          trackingNumber: newTrackingNumber(carrier),
          shippingAddress: order.shippingAddress,
          at,
        })
        await announceShipment(deps, tx, shipment, at)
        deps.log.info({ shipmentId: shipment.id, orderId: order.orderId, carrier }, 'shipment created')
        return toShipmentDto(shipment)
      })
    } catch (err) {
      const constraint = uniqueViolation(err)
      if (constraint === undefined) throw err
      if (constraint !== 'shipments_tracking_number_idx') throw shipmentExists(body.orderId)
      if (draw >= TRACKING_DRAWS) throw err
    }
  }
}
