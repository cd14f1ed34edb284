import { z } from 'zod'
import { defineMessage } from './message.ts'

const ShipmentRef = { shipmentId: z.uuid(), orderId: z.uuid(), trackingNumber: z.string(), carrier: z.string() }

export const shipmentCreated = defineMessage('shipment.created', z.object(ShipmentRef))

/** Handed to the carrier (status in_transit): the order becomes shipped. */
export const shipmentShipped = defineMessage('shipment.shipped', z.object({ ...ShipmentRef, shippedAt: z.iso.datetime() }))

/** The order becomes delivered (and shipped first, if that step was skipped). */
export const shipmentDelivered = defineMessage('shipment.delivered', z.object({ ...ShipmentRef, deliveredAt: z.iso.datetime() }))

export const shipmentCancelled = defineMessage('shipment.cancelled', z.object(ShipmentRef))
