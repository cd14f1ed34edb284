import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import type { ShippingAddress } from '../../contracts/order.events.ts'

export const shippingSchema = pgSchema('shipping')

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow()

/** A way to ship: its carrier, how long it takes, and (in `rates`) what it costs per zone. */
export const methods = shippingSchema.table(
  'methods',
  {
    id: uuid().primaryKey(),
    name: text().notNull(),
    carrier: text().notNull(),
    active: boolean().notNull().default(true),
    minDays: integer().notNull(),
    maxDays: integer().notNull(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    // Customers choose by name: two methods may not share one. Also what makes the start-up seed safe with replicas.
    uniqueIndex('methods_name_idx').on(sql`lower(name)`),
    check('methods_days_check', sql`${t.minDays} >= 0 AND ${t.minDays} <= ${t.maxDays}`),
  ],
)
export type MethodRow = typeof methods.$inferSelect

/** One zone of a method and its price: base + per kg, free at or over a subtotal, optionally its own delivery estimate. */
export const rates = shippingSchema.table(
  'rates',
  {
    id: uuid().primaryKey(),
    methodId: uuid()
      .notNull()
      .references(() => methods.id, { onDelete: 'cascade' }),
    /** The zone's name, e.g. "EU" or "Rest of world". */
    zone: text().notNull(),
    /** Order of the zones as the admin gave them. */
    position: integer().notNull(),
    baseMinor: bigint({ mode: 'number' }).notNull(),
    perKgMinor: bigint({ mode: 'number' }).notNull(),
    freeOverMinor: bigint({ mode: 'number' }),
    currency: text().notNull(),
    minDays: integer(),
    maxDays: integer(),
  },
  (t) => [
    uniqueIndex('rates_method_zone_idx').on(t.methodId, sql`lower(zone)`),
    check('rates_money_check', sql`${t.baseMinor} >= 0 AND ${t.perKgMinor} >= 0 AND (${t.freeOverMinor} IS NULL OR ${t.freeOverMinor} >= 0)`),
    check(
      'rates_days_check',
      sql`(${t.minDays} IS NULL AND ${t.maxDays} IS NULL) OR (${t.minDays} >= 0 AND ${t.minDays} <= ${t.maxDays})`,
    ),
  ],
)
export type RateRow = typeof rates.$inferSelect

/** The countries of a zone (ISO 3166-1 alpha-2, or `*` for the rest of the world): one zone per country and method. */
export const rateCountries = shippingSchema.table(
  'rate_countries',
  {
    methodId: uuid()
      .notNull()
      .references(() => methods.id, { onDelete: 'cascade' }),
    country: text().notNull(),
    rateId: uuid()
      .notNull()
      .references(() => rates.id, { onDelete: 'cascade' }),
  },
  (t) => [
    // The database's own guard: a country belongs to at most one zone of a method.
    primaryKey({ name: 'rate_countries_pkey', columns: [t.methodId, t.country] }),
    index('rate_countries_rate_idx').on(t.rateId),
    check('rate_countries_country_check', sql`${t.country} = '*' OR ${t.country} ~ '^[A-Z]{2}$'`),
  ],
)
export type RateCountryRow = typeof rateCountries.$inferSelect

/** Read model of the catalog's variants (product.created / product.updated): what a quote weighs and prices. */
export const variants = shippingSchema.table(
  'variants',
  {
    variantId: uuid().primaryKey(),
    productId: uuid().notNull(),
    sku: text().notNull(),
    priceMinor: bigint({ mode: 'number' }).notNull(),
    currency: text().notNull(),
    weightGrams: bigint({ mode: 'number' }).notNull(),
    /** When the catalog produced the snapshot this row holds: an older snapshot arriving late changes nothing. */
    sourceAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: createdAt(),
  },
  (t) => [check('variants_figures_check', sql`${t.priceMinor} >= 0 AND ${t.weightGrams} >= 0`)],
)
export type VariantRow = typeof variants.$inferSelect

export const ORDER_STATUSES = ['confirmed', 'cancelled'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

/** The address an order ships to, as order.confirmed carried it. */
export type ShipTo = ShippingAddress

/** Read model of orders (order.confirmed / order.cancelled): who owns an order and whether it may ship. */
export const orders = shippingSchema.table(
  'orders',
  {
    orderId: uuid().primaryKey(),
    number: text().notNull(),
    customerId: uuid().notNull(),
    status: text().$type<OrderStatus>().notNull(),
    /** Null when the order was cancelled before it was ever confirmed. */
    shippingMethodId: uuid(),
    shippingMethodName: text(),
    shippingAddress: jsonb().$type<ShipTo>(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [check('orders_status_check', sql`${t.status} IN ('confirmed', 'cancelled')`)],
)
export type OrderRow = typeof orders.$inferSelect

export const SHIPMENT_STATUSES = ['pending', 'in_transit', 'delivered', 'cancelled'] as const
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number]

export interface HistoryEntry {
  status: ShipmentStatus
  at: string
}

/** A parcel on its way to the customer. At most one live (not cancelled) shipment per order. */
export const shipments = shippingSchema.table(
  'shipments',
  {
    id: uuid().primaryKey(),
    orderId: uuid()
      .notNull()
      .references(() => orders.orderId),
    orderNumber: text().notNull(),
    /** The order's customer: who may read the shipment. */
    customerId: uuid().notNull(),
    shippingMethodId: uuid(),
    carrier: text().notNull(),
    trackingNumber: text().notNull(),
    status: text().$type<ShipmentStatus>().notNull(),
    history: jsonb().$type<HistoryEntry[]>().notNull(),
    shippingAddress: jsonb().$type<ShipTo>(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('shipments_live_order_idx').on(t.orderId).where(sql`status <> 'cancelled'`),
    uniqueIndex('shipments_tracking_number_idx').on(t.trackingNumber),
    index('shipments_order_idx').on(t.orderId),
    index('shipments_customer_created_idx').on(t.customerId, t.createdAt),
    check('shipments_status_check', sql`${t.status} IN ('pending', 'in_transit', 'delivered', 'cancelled')`),
  ],
)
export type ShipmentRow = typeof shipments.$inferSelect
