import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'

export const inventorySchema = pgSchema('inventory')

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow()

/** One row per sku: what is on the shelf and how much of it is held for orders. */
export const stockLevels = inventorySchema.table(
  'stock_levels',
  {
    sku: text().primaryKey(),
    onHand: integer().notNull().default(0),
    reserved: integer().notNull().default(0),
    lowStockThreshold: integer().notNull(),
    /** Grows by 1 on every change of the row; `inventory.changed` carries it so readers keep the newest. */
    version: bigint({ mode: 'number' }).notNull().default(1),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    check('stock_levels_on_hand_check', sql`${t.onHand} >= 0`),
    check('stock_levels_reserved_check', sql`${t.reserved} >= 0`),
    // The last guard against overselling: whatever the code does, the database refuses it.
    check('stock_levels_reserved_within_on_hand_check', sql`${t.reserved} <= ${t.onHand}`),
    check('stock_levels_threshold_check', sql`${t.lowStockThreshold} >= 0`),
  ],
)
export type LevelRow = typeof stockLevels.$inferSelect

export const MOVEMENT_REASONS = ['initial', 'received', 'correction', 'damaged', 'reserved', 'released', 'expired', 'sold', 'restocked'] as const
export type MovementReason = (typeof MOVEMENT_REASONS)[number]

/** The ledger: every change of on hand or reserved is one row, so for each sku the sums equal the level. */
export const movements = inventorySchema.table(
  'movements',
  {
    id: uuid().primaryKey(),
    sku: text()
      .notNull()
      .references(() => stockLevels.sku),
    /** Change of on hand. */
    delta: integer().notNull(),
    /** Change of reserved. */
    reservedDelta: integer().notNull(),
    reason: text().$type<MovementReason>().notNull(),
    orderId: uuid(),
    note: text(),
    /** The admin who made a manual adjustment. */
    actorId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    index('movements_sku_created_idx').on(t.sku, t.createdAt),
    check('movements_reason_check', sql`${t.reason} IN ('initial', 'received', 'correction', 'damaged', 'reserved', 'released', 'expired', 'sold', 'restocked')`),
  ],
)
export type MovementRow = typeof movements.$inferSelect

export const RESERVATION_STATUSES = ['reserved', 'committed', 'released', 'expired', 'failed'] as const
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number]

/** A reservation failure as it was answered, so that a replayed command gets the same answer. */
export interface RecordedFailure {
  reason: 'out_of_stock' | 'unknown_sku'
  shortages: Array<{ sku: string; requested: number; available: number }>
}

/** One per order: the reserve command's outcome and where the order's stock stands. */
export const reservations = inventorySchema.table(
  'reservations',
  {
    orderId: uuid().primaryKey(),
    status: text().$type<ReservationStatus>().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    failure: jsonb().$type<RecordedFailure>(),
    /** Why the stock went back (the release command's reason, or `expired`): a retried release gets the same answer. */
    releaseReason: text(),
    /** True when committed stock went back on hand. */
    restocked: boolean().notNull().default(false),
    /** The reserve command's correlation id: the sweeper's answer joins the order's trail. */
    correlationId: text(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index('reservations_status_expires_idx').on(t.status, t.expiresAt),
    check('reservations_status_check', sql`${t.status} IN ('reserved', 'committed', 'released', 'expired', 'failed')`),
  ],
)
export type ReservationRow = typeof reservations.$inferSelect

export const reservationLines = inventorySchema.table(
  'reservation_lines',
  {
    orderId: uuid()
      .notNull()
      .references(() => reservations.orderId, { onDelete: 'cascade' }),
    sku: text()
      .notNull()
      .references(() => stockLevels.sku),
    quantity: integer().notNull(),
  },
  (t) => [
    primaryKey({ name: 'reservation_lines_pkey', columns: [t.orderId, t.sku] }),
    check('reservation_lines_quantity_check', sql`${t.quantity} > 0`),
  ],
)
export type ReservationLineRow = typeof reservationLines.$inferSelect

/** One per approved return: which units of a sold order went back on hand, so a replayed restock does nothing twice. */
export const restocks = inventorySchema.table(
  'restocks',
  {
    returnId: uuid().primaryKey(),
    orderId: uuid().notNull(),
    /** The units actually put back (capped at what the order bought, less earlier returns). */
    lines: jsonb().$type<Array<{ sku: string; quantity: number }>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('restocks_order_idx').on(t.orderId)],
)
export type RestockRow = typeof restocks.$inferSelect
