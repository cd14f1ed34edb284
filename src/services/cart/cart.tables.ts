import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

export const cartSchema = pgSchema('cart')

const at = () => timestamp({ withTimezone: true })
const createdAt = () => at().notNull().defaultNow()

// --- Read model: what the catalog and inventory announced, enough to price and check a cart ---

export const PRODUCT_STATUSES = ['draft', 'active', 'archived'] as const
export type ProductStatus = (typeof PRODUCT_STATUSES)[number]

/** The latest product snapshot seen; `snapshotAt` (the event's occurredAt) keeps a late, older snapshot from winning. */
export const products = cartSchema.table(
  'products',
  {
    productId: uuid().primaryKey(),
    name: text().notNull(),
    slug: text().notNull(),
    status: text().$type<ProductStatus>().notNull(),
    deleted: boolean().notNull().default(false),
    snapshotAt: at().notNull(),
  },
  (t) => [check('products_status_check', sql`${t.status} IN ('draft', 'active', 'archived')`)],
)
export type ProductRow = typeof products.$inferSelect

/** Every variant a snapshot listed; `present` turns false when the latest snapshot of its product no longer lists it. */
export const variants = cartSchema.table(
  'variants',
  {
    variantId: uuid().primaryKey(),
    productId: uuid()
      .notNull()
      .references(() => products.productId),
    sku: text().notNull(),
    title: text().notNull(),
    priceMinor: bigint({ mode: 'number' }).notNull(),
    currency: text().notNull(),
    weightGrams: integer().notNull(),
    present: boolean().notNull(),
  },
  (t) => [
    index('variants_product_idx').on(t.productId),
    check('variants_price_check', sql`${t.priceMinor} >= 0`),
    check('variants_weight_check', sql`${t.weightGrams} >= 0`),
  ],
)
export type VariantRow = typeof variants.$inferSelect

/** Availability per sku as inventory announced it; only a newer `version` replaces a row. */
export const stock = cartSchema.table(
  'stock',
  {
    sku: text().primaryKey(),
    available: integer().notNull(),
    version: bigint({ mode: 'number' }).notNull(),
    updatedAt: createdAt(),
  },
  (t) => [check('stock_available_check', sql`${t.available} >= 0`)],
)

// --- Carts (the SQL store; the distributed mode keeps carts in Redis instead) ---

/** A guest cart has no customer; a customer has at most one cart. Idle past the TTL, a cart is forgotten. */
export const carts = cartSchema.table(
  'carts',
  {
    id: uuid().primaryKey(),
    customerId: uuid(),
    /** The order whose checkout holds the cart, and until when. */
    checkoutOrderId: uuid(),
    checkoutUntil: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [uniqueIndex('carts_customer_idx').on(t.customerId), index('carts_updated_idx').on(t.updatedAt)],
)
export type CartRow = typeof carts.$inferSelect

export const cartLines = cartSchema.table(
  'cart_lines',
  {
    cartId: uuid()
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    variantId: uuid().notNull(),
    quantity: integer().notNull(),
    addedAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'cart_lines_pkey', columns: [t.cartId, t.variantId] }),
    check('cart_lines_quantity_check', sql`${t.quantity} BETWEEN 1 AND 999`),
  ],
)
export type CartLineRow = typeof cartLines.$inferSelect

export const ORDER_EFFECTS = ['confirmed', 'cancelled'] as const
export type OrderEffect = (typeof ORDER_EFFECTS)[number]

/** Which order events have already changed a customer's cart: a replay, or a confirmation arriving after its cancellation, changes nothing. */
export const orderEffects = cartSchema.table(
  'order_effects',
  {
    orderId: uuid().notNull(),
    effect: text().$type<OrderEffect>().notNull(),
    customerId: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'order_effects_pkey', columns: [t.orderId, t.effect] }),
    index('order_effects_created_idx').on(t.createdAt),
    check('order_effects_effect_check', sql`${t.effect} IN ('confirmed', 'cancelled')`),
  ],
)

// --- Wishlist (SQL in every mode) ---

export const wishlistItems = cartSchema.table(
  'wishlist_items',
  {
    customerId: uuid().notNull(),
    productId: uuid()
      .notNull()
      .references(() => products.productId),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'wishlist_items_pkey', columns: [t.customerId, t.productId] }), index('wishlist_items_customer_added_idx').on(t.customerId, t.addedAt)],
)
