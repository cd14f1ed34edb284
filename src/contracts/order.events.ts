import { z } from 'zod'
import { defineMessage } from './message.ts'
import { Money } from './money.ts'

/** An order line as it was sold: a snapshot that later catalog changes do not touch. */
export const OrderLineSnapshot = z.object({
  variantId: z.uuid(),
  productId: z.uuid(),
  sku: z.string().min(1),
  name: z.string(),
  quantity: z.number().int().positive(),
  unitPrice: Money,
})

export const ShippingAddressSnapshot = z.object({
  fullName: z.string(),
  line1: z.string(),
  line2: z.string().nullable().optional(),
  city: z.string(),
  region: z.string().nullable().optional(),
  postalCode: z.string(),
  country: z.string().regex(/^[A-Z]{2}$/),
  phone: z.string().nullable().optional(),
})

export type ShippingAddress = z.infer<typeof ShippingAddressSnapshot>

/** Who and which order: every order event carries it, so a consumer needs no lookup to address the customer. */
const OrderRef = {
  orderId: z.uuid(),
  /** The number people read aloud, e.g. on the phone to support. */
  number: z.string(),
  customerId: z.uuid(),
  email: z.email(),
}

/** The saga confirmed the order: stock is committed and the payment authorized (capture follows). */
export const orderConfirmed = defineMessage(
  'order.confirmed',
  z.object({
    ...OrderRef,
    lines: z.array(OrderLineSnapshot).min(1),
    subtotal: Money,
    shippingTotal: Money,
    total: Money,
    shippingMethod: z.object({ id: z.uuid(), name: z.string() }),
    shippingAddress: ShippingAddressSnapshot,
  }),
)

export const CancellationReason = z.enum(['out_of_stock', 'payment_declined', 'timeout', 'customer_cancelled'])

/** The order is cancelled; what was reserved is released and any money taken is given back. */
export const orderCancelled = defineMessage(
  'order.cancelled',
  z.object({
    ...OrderRef,
    reason: CancellationReason,
    /** For a person: the card processor's decline message, the skus that ran out. */
    detail: z.string().optional(),
    /** The status it was cancelled from. */
    previousStatus: z.enum(['pending', 'confirmed']),
    lines: z.array(OrderLineSnapshot).min(1),
    total: Money,
  }),
)

export const orderShipped = defineMessage(
  'order.shipped',
  z.object({ ...OrderRef, shipmentId: z.uuid(), trackingNumber: z.string(), carrier: z.string() }),
)

/** Delivered: the catalog opens reviews of these products to the customer. */
export const orderDelivered = defineMessage(
  'order.delivered',
  z.object({ ...OrderRef, lines: z.array(OrderLineSnapshot).min(1), deliveredAt: z.iso.datetime() }),
)

/** An approved return: its lines are refunded and restocked; `fully` when nothing of the order is left. */
export const orderReturned = defineMessage(
  'order.returned',
  z.object({
    ...OrderRef,
    returnId: z.uuid(),
    lines: z.array(z.object({ variantId: z.uuid(), sku: z.string(), quantity: z.number().int().positive() })).min(1),
    refund: Money,
    fully: z.boolean(),
  }),
)
