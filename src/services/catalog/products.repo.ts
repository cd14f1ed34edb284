import { and, asc, eq, getTableColumns, inArray, isNotNull, isNull, like, ne, or, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../platform/db/db.ts'
import { NotFound } from '../../platform/errors.ts'
import { products, variants, variantStock, type VariantRow } from './catalog.tables.ts'

// The search vector stays in the database: nothing in TypeScript reads it.
const { searchVector: _searchVector, ...productColumns } = getTableColumns(products)
export { productColumns }

export type ProductRecord = Omit<typeof products.$inferSelect, 'searchVector'>
export type NewProduct = Omit<typeof products.$inferInsert, 'searchVector'>
export type NewVariant = typeof variants.$inferInsert
/** A variant with the availability the read model holds for its sku (0 when none yet). */
export type VariantWithStock = VariantRow & { available: number }

export async function findProduct(db: DbOrTx, id: string): Promise<ProductRecord | undefined> {
  const [row] = await db.select(productColumns).from(products).where(eq(products.id, id))
  return row
}

export async function getProduct(db: DbOrTx, id: string): Promise<ProductRecord> {
  const row = await findProduct(db, id)
  if (!row) throw new NotFound('Product')
  return row
}

export async function findProductBySlug(db: DbOrTx, slug: string): Promise<ProductRecord | undefined> {
  const [row] = await db.select(productColumns).from(products).where(eq(products.slug, slug))
  return row
}

/** Slugs equal to `base` or `base-…`, deleted products' included: slugs are never reused. */
export async function productSlugsLike(db: DbOrTx, base: string): Promise<Set<string>> {
  const rows = await db
    .select({ slug: products.slug })
    .from(products)
    .where(or(eq(products.slug, base), like(products.slug, `${base}-%`)))
  return new Set(rows.map((r) => r.slug))
}

export async function productSlugTaken(db: DbOrTx, slug: string, exceptId?: string): Promise<boolean> {
  const rows = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.slug, slug), exceptId ? ne(products.id, exceptId) : undefined))
    .limit(1)
  return rows.length > 0
}

export async function insertProduct(tx: DbOrTx, row: NewProduct): Promise<void> {
  await tx.insert(products).values(row)
}

export type ProductChanges = Partial<
  Pick<
    ProductRecord,
    'name' | 'slug' | 'brand' | 'description' | 'categoryId' | 'images' | 'options' | 'status' | 'minPriceMinor'
  >
>

/** Changes a product that is not deleted; false when it is (or is gone). */
export async function updateLiveProduct(tx: DbOrTx, id: string, changes: ProductChanges): Promise<boolean> {
  const rows = await tx
    .update(products)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(products.id, id), isNull(products.deletedAt)))
    .returning({ id: products.id })
  return rows.length === 1
}

/** Soft-deletes (or restores) a product; false when it already was in that state, so that a race does it once. */
export async function setProductDeleted(tx: DbOrTx, id: string, deleted: boolean): Promise<boolean> {
  const rows = await tx
    .update(products)
    .set({ deletedAt: deleted ? sql`now()` : null, updatedAt: sql`now()` })
    .where(and(eq(products.id, id), deleted ? isNull(products.deletedAt) : isNotNull(products.deletedAt)))
    .returning({ id: products.id })
  return rows.length === 1
}

/** Adds one rating to the product's running sum and count, in the review's transaction. */
export async function addRating(tx: DbOrTx, id: string, rating: number): Promise<void> {
  await tx
    .update(products)
    .set({ ratingCount: sql`${products.ratingCount} + 1`, ratingSum: sql`${products.ratingSum} + ${rating}` })
    .where(eq(products.id, id))
}

/** The live variants of some products, with availability, in display order. One query for a whole page. */
export async function variantsWithStock(db: DbOrTx, productIds: string[]): Promise<VariantWithStock[]> {
  if (productIds.length === 0) return []
  const rows = await db
    .select({ ...getTableColumns(variants), available: sql<number>`greatest(coalesce(${variantStock.available}, 0), 0)::int` })
    .from(variants)
    .leftJoin(variantStock, eq(variantStock.sku, variants.sku))
    .where(and(inArray(variants.productId, productIds), isNull(variants.removedAt)))
    .orderBy(asc(variants.productId), asc(variants.position), asc(variants.sku))
  return rows.map((r) => ({ ...r, available: Number(r.available) }))
}

/** Every variant a product ever had, removed ones included: PATCH matches by sku against these. */
export async function allVariantsOf(db: DbOrTx, productId: string): Promise<VariantRow[]> {
  return db.select().from(variants).where(eq(variants.productId, productId)).orderBy(asc(variants.position))
}

/** Which of these skus exist already, on any product, removed variants included. */
export async function skuOwners(db: DbOrTx, skus: string[]): Promise<Array<{ sku: string; productId: string }>> {
  if (skus.length === 0) return []
  return db.select({ sku: variants.sku, productId: variants.productId }).from(variants).where(inArray(variants.sku, skus))
}

export async function insertVariants(tx: DbOrTx, rows: NewVariant[]): Promise<void> {
  if (rows.length > 0) await tx.insert(variants).values(rows)
}

export type VariantChanges = Pick<
  VariantRow,
  'title' | 'options' | 'priceMinor' | 'compareAtMinor' | 'currency' | 'weightGrams' | 'position' | 'removedAt'
>

export async function updateVariant(tx: DbOrTx, id: string, changes: VariantChanges): Promise<void> {
  await tx
    .update(variants)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(variants.id, id))
}

export async function removeVariants(tx: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  await tx
    .update(variants)
    .set({ removedAt: sql`now()`, updatedAt: sql`now()` })
    .where(inArray(variants.id, ids))
}
