import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import type { CancellationReason, OrderStatus, PaymentStatus, ReturnStatus, SagaStep } from './order.rules.ts'

export const orderingSchema = pgSchema('ordering')

const now = () => timestamp({ withTimezone: true }).notNull().defaultNow()
const at = () => timestamp({ withTimezone: true })
const minor = () => bigint({ mode: 'number' }).notNull()

/** The address the order ships to, as it was given at checkout. */
export interface AddressSnapshot {
  fullName: string
  line1: string
  line2: string | null
  city: string
  region: string | null
  postalCode: string
  country: string
  phone: string | null
}

/** The shipping method as it was quoted at checkout. */
export interface MethodSnapshot {
  id: string
  name: string
  carrier: string
  estimatedDays: { min: number; max: number }
}

/**
 * One row per order, with the checkout saga's state beside it: the status customers see, the
 * saga step and its deadline, and where the money stands. Both change in one transaction.
 */
export const orders = orderingSchema.table(
  'orders',
  {
    id: uuid().primaryKey(),
    number: text().notNull(),
    customerId: uuid().notNull(),
    /** The cart it was placed from: one pending order per cart at most. */
    cartId: uuid(),
    email: text().notNull(),
    status: text().$type<OrderStatus>().notNull(),
    sagaStep: text().$type<SagaStep>().notNull(),
    /** When the current saga step gives up; none once the saga is done. */
    stepDeadline: at(),
    cancellationReason: text().$type<CancellationReason>(),
    cancellationDetail: text(),
    currency: text().notNull(),
    subtotalMinor: minor(),
    shippingTotalMinor: minor(),
    totalMinor: minor(),
    shippingAddress: jsonb().$type<AddressSnapshot>().notNull(),
    shippingMethod: jsonb().$type<MethodSnapshot>().notNull(),
    paymentMethodId: text().notNull(),
    paymentBrand: text(),
    paymentLast4: text(),
    paymentStatus: text().$type<PaymentStatus>().notNull().default('pending'),
    paymentId: uuid(),
    refundedMinor: bigint({ mode: 'number' }).notNull().default(0),
    stockCommitted: boolean().notNull().default(false),
    confirmedAt: at(),
    shippedAt: at(),
    deliveredAt: at(),
    cancelledAt: at(),
    createdAt: now(),
    updatedAt: now(),
  },
  (t) => [
    uniqueIndex('orders_number_idx').on(t.number),
    uniqueIndex('orders_pending_cart_idx').on(t.cartId).where(sql`status = 'pending'`),
    index('orders_customer_created_idx').on(t.customerId, t.createdAt),
    index('orders_created_idx').on(t.createdAt),
    index('orders_confirmed_idx').on(t.confirmedAt),
    index('orders_step_deadline_idx').on(t.stepDeadline).where(sql`step_deadline IS NOT NULL`),
    check('orders_status_check', sql`${t.status} IN ('pending', 'confirmed', 'shipped', 'delivered', 'returned', 'cancelled')`),
    check('orders_saga_step_check', sql`${t.sagaStep} IN ('reserving', 'authorizing', 'capturing', 'done')`),
    check(
      'orders_cancellation_reason_check',
      sql`${t.cancellationReason} IN ('out_of_stock', 'payment_declined', 'timeout', 'customer_cancelled')`,
    ),
    check('orders_cancelled_has_reason_check', sql`(${t.status} = 'cancelled') = (${t.cancellationReason} IS NOT NULL)`),
    check(
      'orders_payment_status_check',
      sql`${t.paymentStatus} IN ('pending', 'authorized', 'captured', 'voided', 'refunded', 'partially_refunded', 'failed', 'disputed')`,
    ),
    check('orders_amounts_check', sql`${t.subtotalMinor} >= 0 AND ${t.shippingTotalMinor} >= 0 AND ${t.refundedMinor} >= 0`),
    check('orders_total_check', sql`${t.totalMinor} = ${t.subtotalMinor} + ${t.shippingTotalMinor}`),
  ],
)
export type OrderRow = typeof orders.$inferSelect
export type NewOrderRow = typeof orders.$inferInsert

/** What was sold, as it was sold: later catalog changes do not touch it. */
export const orderLines = orderingSchema.table(
  'order_lines',
  {
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    variantId: uuid().notNull(),
    productId: uuid().notNull(),
    sku: text().notNull(),
    name: text().notNull(),
    unitPriceMinor: minor(),
    quantity: integer().notNull(),
    lineTotalMinor: minor(),
  },
  (t) => [
    primaryKey({ name: 'order_lines_pkey', columns: [t.orderId, t.variantId] }),
    index('order_lines_product_idx').on(t.productId),
    check('order_lines_quantity_check', sql`${t.quantity} > 0`),
    check('order_lines_total_check', sql`${t.unitPriceMinor} >= 0 AND ${t.lineTotalMinor} = ${t.unitPriceMinor} * ${t.quantity}`),
  ],
)
export type OrderLineRow = typeof orderLines.$inferSelect

/** Every status an order has been in, and when. */
export const orderHistory = orderingSchema.table(
  'order_history',
  {
    id: uuid().primaryKey(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    status: text().$type<OrderStatus>().notNull(),
    at: now(),
  },
  (t) => [index('order_history_order_idx').on(t.orderId, t.at)],
)
export type HistoryRow = typeof orderHistory.$inferSelect

/** What the saga heard and did, for people looking into an order. */
export const sagaLog = orderingSchema.table(
  'saga_log',
  {
    id: uuid().primaryKey(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    entry: text().notNull(),
    detail: text(),
    at: now(),
  },
  (t) => [index('saga_log_order_idx').on(t.orderId, t.at)],
)
export type SagaLogRow = typeof sagaLog.$inferSelect

/** A customer's request to send back some units of a delivered order. */
export const returns = orderingSchema.table(
  'returns',
  {
    id: uuid().primaryKey(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    customerId: uuid().notNull(),
    status: text().$type<ReturnStatus>().notNull(),
    reason: text().notNull(),
    refundMinor: minor(),
    currency: text().notNull(),
    approvedAt: at(),
    approvedBy: uuid(),
    refundedAt: at(),
    restockedAt: at(),
    createdAt: now(),
  },
  (t) => [
    index('returns_order_idx').on(t.orderId),
    index('returns_status_created_idx').on(t.status, t.createdAt),
    check('returns_status_check', sql`${t.status} IN ('requested', 'approved', 'refunded', 'refund_failed')`),
    check('returns_refund_check', sql`${t.refundMinor} >= 0`),
  ],
)
export type ReturnRow = typeof returns.$inferSelect

export const returnLines = orderingSchema.table(
  'return_lines',
  {
    returnId: uuid()
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
    variantId: uuid().notNull(),
    sku: text().notNull(),
    quantity: integer().notNull(),
  },
  (t) => [
    primaryKey({ name: 'return_lines_pkey', columns: [t.returnId, t.variantId] }),
    check('return_lines_quantity_check', sql`${t.quantity} > 0`),
  ],
)
export type ReturnLineRow = typeof returnLines.$inferSelect
