import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  bigint,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'

export const catalogSchema = pgSchema('catalog')

export const PRODUCT_STATUSES = ['draft', 'active', 'archived'] as const
export type ProductStatus = (typeof PRODUCT_STATUSES)[number]

export interface ProductImage {
  url: string
  alt: string
  position: number
}
export interface ProductOption {
  name: string
  values: string[]
}

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })
const at = () => timestamp({ withTimezone: true })
const createdAt = () => at().notNull().defaultNow()

export const categories = catalogSchema.table(
  'categories',
  {
    id: uuid().primaryKey(),
    parentId: uuid().references((): AnyPgColumn => categories.id),
    name: text().notNull(),
    slug: text().notNull(),
    position: integer().notNull().default(0),
    /** The ids from the root down to this one, `/rootId/…/id/`: a subtree is every path with this prefix. */
    path: text().notNull(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
    deletedAt: at(),
  },
  (t) => [
    uniqueIndex('categories_active_slug_idx').on(t.slug).where(sql`deleted_at IS NULL`),
    uniqueIndex('categories_active_sibling_name_idx')
      .on(sql`coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid)`, sql`lower(name)`)
      .where(sql`deleted_at IS NULL`),
    index('categories_parent_idx').on(t.parentId),
  ],
)
export type CategoryRow = typeof categories.$inferSelect

/**
 * The weighted search document: name (A) over brand (B) over description (C). Hyphens become
 * spaces so that "Omega-3" is the words omega and 3 (the default parser reads "-3" as a number).
 */
export const SEARCH_VECTOR_SQL = sql.raw(
  `setweight(to_tsvector('english', translate(name, '-', ' ')), 'A') || ` +
    `setweight(to_tsvector('english', translate(coalesce(brand, ''), '-', ' ')), 'B') || ` +
    `setweight(to_tsvector('english', translate(description, '-', ' ')), 'C')`,
)

export const products = catalogSchema.table(
  'products',
  {
    id: uuid().primaryKey(),
    slug: text().notNull().unique('products_slug_unique'),
    name: text().notNull(),
    brand: text(),
    description: text().notNull().default(''),
    categoryId: uuid().references(() => categories.id),
    images: jsonb().$type<ProductImage[]>().notNull().default([]),
    options: jsonb().$type<ProductOption[]>().notNull().default([]),
    status: text().$type<ProductStatus>().notNull().default('draft'),
    /** The lowest price of its live variants: what price sorts use. */
    minPriceMinor: bigint({ mode: 'number' }).notNull(),
    ratingCount: integer().notNull().default(0),
    ratingSum: integer().notNull().default(0),
    searchVector: tsvector().generatedAlwaysAs(SEARCH_VECTOR_SQL),
    createdAt: createdAt(),
    updatedAt: createdAt(),
    deletedAt: at(),
  },
  (t) => [
    check('products_status_check', sql`status IN ('draft', 'active', 'archived')`),
    index('products_search_idx').using('gin', t.searchVector),
    index('products_category_idx').on(t.categoryId),
    index('products_brand_idx').on(sql`lower(brand)`),
    index('products_created_idx').on(t.createdAt, t.id),
  ],
)
export type ProductRow = typeof products.$inferSelect

/** Variants are never deleted: a removed one keeps its sku, which stays unique across all products ever. */
export const variants = catalogSchema.table(
  'variants',
  {
    id: uuid().primaryKey(),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    sku: text().notNull().unique('variants_sku_unique'),
    title: text().notNull(),
    options: jsonb().$type<Record<string, string>>().notNull().default({}),
    priceMinor: bigint({ mode: 'number' }).notNull(),
    compareAtMinor: bigint({ mode: 'number' }),
    currency: text().notNull(),
    weightGrams: integer().notNull(),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: createdAt(),
    removedAt: at(),
  },
  (t) => [
    index('variants_product_idx').on(t.productId),
    check('variants_price_check', sql`price_minor >= 0`),
    check('variants_compare_at_check', sql`compare_at_minor IS NULL OR compare_at_minor > price_minor`),
    check('variants_weight_check', sql`weight_grams >= 0`),
  ],
)
export type VariantRow = typeof variants.$inferSelect

/** Availability per sku, as inventory last told it; a row is replaced only by a newer version. */
export const variantStock = catalogSchema.table('variant_stock', {
  sku: text().primaryKey(),
  available: integer().notNull(),
  version: bigint({ mode: 'number' }).notNull(),
  updatedAt: createdAt(),
})

export const reviews = catalogSchema.table(
  'reviews',
  {
    id: uuid().primaryKey(),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    customerId: uuid().notNull(),
    rating: smallint().notNull(),
    title: text(),
    body: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('reviews_product_customer_idx').on(t.productId, t.customerId),
    index('reviews_product_created_idx').on(t.productId, t.createdAt),
    check('reviews_rating_check', sql`rating BETWEEN 1 AND 5`),
  ],
)
export type ReviewRow = typeof reviews.$inferSelect

/** Who may review what: a customer with a delivered order containing the product (filled from order events). */
export const reviewEligibility = catalogSchema.table(
  'review_eligibility',
  {
    customerId: uuid().notNull(),
    productId: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'review_eligibility_pkey', columns: [t.customerId, t.productId] })],
)

/** Words of product names and brands: the lexicon misspelt search words are corrected against. */
export const searchTerms = catalogSchema.table(
  'search_terms',
  { term: text().primaryKey() },
  (t) => [index('search_terms_trgm_idx').using('gin', t.term.op('gin_trgm_ops'))],
)
