import { z } from 'zod'
import { Money } from '../../contracts/money.ts'
import { PageQuery } from '../../platform/pagination.ts'
import { ORDER_STATUSES, PAYMENT_STATUSES } from './order.rules.ts'
import type { HistoryRow, OrderLineRow, OrderRow } from './order.tables.ts'
import { type ReturnDto, ReturnDto as ReturnSchema, toReturnDto } from './returns.dto.ts'
import { returnWindowClosesAt } from './returns.rules.ts'
import type { ReturnWithLines } from './returns.repo.ts'

export const IdParams = z.object({ id: z.uuid() })

const Line = z.string().trim().min(1).max(200)
const OptionalLine = z.string().trim().max(200).nullable().optional()

/** A shipping address typed at checkout: the fields of identity's address book. */
export const AddressBody = z.object({
  fullName: Line,
  line1: Line,
  line2: OptionalLine,
  city: Line,
  region: OptionalLine,
  postalCode: z.string().trim().min(1).max(20),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 country code, like "US"'),
  phone: z
    .string()
    .trim()
    .min(3)
    .max(40)
    .regex(/^\+?[0-9 ()./-]+$/, 'Digits, spaces and + ( ) . / - only')
    .nullable()
    .optional(),
})
export type AddressBody = z.infer<typeof AddressBody>

export const CardBody = z.object({
  method: z.literal('card'),
  cardNumber: z
    .string()
    .trim()
    .min(12)
    .max(40)
    .regex(/^[0-9 ]+$/, 'Digits (spaces allowed)')
    .describe('Checked in full (length, Luhn, expiry) by the payment service, which keeps it; ordering never stores it'),
  expMonth: z.number().int().min(1).max(12),
  expYear: z.number().int().min(2000).max(2100),
  cvc: z
    .string()
    .trim()
    .regex(/^\d{3,4}$/, '3 or 4 digits'),
})

/** What the customer chooses at checkout. Prices are not part of it: the server works them out. */
export const PlaceOrderBody = z
  .object({
    shippingAddressId: z.uuid().optional().describe('An address from the caller’s address book'),
    shippingAddress: AddressBody.optional().describe('Or an address typed at checkout'),
    shippingMethodId: z.uuid().describe('One of the methods POST /api/shipping/quote offers for this cart and address'),
    payment: CardBody,
  })
  .superRefine((body, ctx) => {
    if ((body.shippingAddressId === undefined) === (body.shippingAddress === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['shippingAddressId'], message: 'Give either shippingAddressId or shippingAddress' })
    }
  })
export type PlaceOrderBody = z.infer<typeof PlaceOrderBody>

export const OrderStatusDto = z.enum(ORDER_STATUSES)
const Timestamp = z.iso.datetime()

export const OrderLineDto = z.object({
  variantId: z.uuid(),
  productId: z.uuid(),
  sku: z.string(),
  name: z.string(),
  unitPrice: Money,
  quantity: z.number().int(),
  lineTotal: Money,
})
export type OrderLineDto = z.infer<typeof OrderLineDto>

export const ShippingAddressDto = z.object({
  fullName: z.string(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  postalCode: z.string(),
  country: z.string(),
  phone: z.string().nullable(),
})

export const ShippingMethodDto = z.object({
  id: z.string(),
  name: z.string(),
  carrier: z.string(),
  estimatedDays: z.object({ min: z.number().int(), max: z.number().int() }),
})

const PaymentDto = z.object({
  status: z.enum(PAYMENT_STATUSES),
  brand: z.string().nullable(),
  last4: z.string().nullable(),
  refunded: Money,
})

export const OrderDto = z.object({
  id: z.uuid(),
  number: z.string(),
  status: OrderStatusDto,
  cancellationReason: z.string().nullable(),
  cancellationDetail: z.string().nullable(),
  customerId: z.uuid(),
  email: z.string(),
  items: z.array(OrderLineDto),
  itemCount: z.number().int(),
  subtotal: Money,
  shippingTotal: Money,
  total: Money,
  shippingAddress: ShippingAddressDto,
  shippingMethod: ShippingMethodDto,
  payment: PaymentDto,
  history: z.array(z.object({ status: OrderStatusDto, at: Timestamp })),
  returns: z.array(ReturnSchema),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  confirmedAt: Timestamp.nullable(),
  shippedAt: Timestamp.nullable(),
  deliveredAt: Timestamp.nullable(),
  cancelledAt: Timestamp.nullable(),
  /** Until when a return may be asked for; null unless the order is delivered. */
  returnableUntil: Timestamp.nullable(),
})
export type OrderDto = z.infer<typeof OrderDto>

/** An order in a list: everything but its history and returns. */
export const OrderSummaryDto = OrderDto.omit({ history: true, returns: true, shippingAddress: true, returnableUntil: true })
export type OrderSummaryDto = z.infer<typeof OrderSummaryDto>

export function money(amount: number, currency: string): { amount: number; currency: string } {
  return { amount: Number(amount), currency }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function toLineDto(l: OrderLineRow, currency: string): OrderLineDto {
  return {
    variantId: l.variantId,
    productId: l.productId,
    sku: l.sku,
    name: l.name,
    unitPrice: money(l.unitPriceMinor, currency),
    quantity: l.quantity,
    lineTotal: money(l.lineTotalMinor, currency),
  }
}

export function toSummaryDto(o: OrderRow, lines: readonly OrderLineRow[]): OrderSummaryDto {
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    cancellationReason: o.cancellationReason,
    cancellationDetail: o.cancellationDetail,
    customerId: o.customerId,
    email: o.email,
    items: lines.map((l) => toLineDto(l, o.currency)),
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
    subtotal: money(o.subtotalMinor, o.currency),
    shippingTotal: money(o.shippingTotalMinor, o.currency),
    total: money(o.totalMinor, o.currency),
    shippingMethod: o.shippingMethod,
    payment: { status: o.paymentStatus, brand: o.paymentBrand, last4: o.paymentLast4, refunded: money(o.refundedMinor, o.currency) },
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    confirmedAt: iso(o.confirmedAt),
    shippedAt: iso(o.shippedAt),
    deliveredAt: iso(o.deliveredAt),
    cancelledAt: iso(o.cancelledAt),
  }
}

export function toOrderDto(
  o: OrderRow,
  lines: readonly OrderLineRow[],
  history: readonly HistoryRow[],
  returns: readonly ReturnWithLines[],
  returnWindowDays: number,
): OrderDto {
  const returnDtos: ReturnDto[] = returns.map((r) => toReturnDto(r, o, lines))
  return {
    ...toSummaryDto(o, lines),
    shippingAddress: o.shippingAddress,
    history: history.map((h) => ({ status: h.status, at: h.at.toISOString() })),
    returns: returnDtos,
    returnableUntil: o.status === 'delivered' && o.deliveredAt ? returnWindowClosesAt(o.deliveredAt, returnWindowDays).toISOString() : null,
  }
}

/** A calendar date (the whole UTC day) or an exact time. */
const DateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })])

export const CustomerListQuery = PageQuery.extend({
  status: OrderStatusDto.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
})
export type CustomerListQuery = z.infer<typeof CustomerListQuery>

export const AdminListQuery = PageQuery.extend({
  status: OrderStatusDto.optional(),
  q: z.string().trim().max(200).optional().describe('The start of an order number, or part of the customer’s email'),
  from: DateOrTime.optional().describe('Placed at or after (a date means its start, UTC)'),
  to: DateOrTime.optional().describe('Placed before (a date includes that whole day, UTC)'),
})
export type AdminListQuery = z.infer<typeof AdminListQuery>

/** The start of a range: a date is its first instant. */
export function rangeStart(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value)
}

/** The end of a range, exclusive: a date includes its whole day. */
export function rangeEnd(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined
  const d = new Date(value)
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) d.setUTCDate(d.getUTCDate() + 1)
  return d
}
