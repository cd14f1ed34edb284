import { z } from 'zod'
import { PageQuery } from '../../platform/pagination.ts'
import { text } from './shipping.dto.ts'
import { SHIPMENT_STATUSES, type ShipmentRow } from './shipping.tables.ts'

/** A tracking number as carriers print them: letters, digits and hyphens; upper-cased. */
export const TrackingNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{4,40}$/, '4 to 40 letters, digits or hyphens')
  .transform((t) => t.toUpperCase())

export const CreateShipmentBody = z.object({
  orderId: z.uuid(),
  carrier: text()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe("Ship with this carrier instead of the order's shipping method's"),
})
export type CreateShipmentBody = z.infer<typeof CreateShipmentBody>

export const ShipmentPatch = z.object({
  status: z.enum(['in_transit', 'delivered', 'cancelled']),
  trackingNumber: TrackingNumber.optional().describe("The carrier's number, when it differs from the one made at creation"),
})
export type ShipmentPatch = z.infer<typeof ShipmentPatch>

export const ShipmentQuery = PageQuery.extend({
  orderId: z.uuid().optional(),
  status: z.enum(SHIPMENT_STATUSES).optional(),
})
export type ShipmentQuery = z.infer<typeof ShipmentQuery>

const AddressDto = z.object({
  fullName: z.string(),
  line1: z.string(),
  line2: z.string().nullable().optional(),
  city: z.string(),
  region: z.string().nullable().optional(),
  postalCode: z.string(),
  country: z.string(),
  phone: z.string().nullable().optional(),
})

export const ShipmentDto = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  orderNumber: z.string(),
  carrier: z.string(),
  trackingNumber: z.string(),
  status: z.enum(SHIPMENT_STATUSES),
  history: z.array(z.object({ status: z.enum(SHIPMENT_STATUSES), at: z.iso.datetime() })),
  shippingAddress: AddressDto.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})
export type ShipmentDto = z.infer<typeof ShipmentDto>

export function toShipmentDto(s: ShipmentRow): ShipmentDto {
  return {
    id: s.id,
    orderId: s.orderId,
    orderNumber: s.orderNumber,
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    status: s.status,
    history: s.history,
    shippingAddress: s.shippingAddress ?? null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  }
}
