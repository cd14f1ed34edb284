import { and, eq, inArray, sql } from 'drizzle-orm'
import type { z } from 'zod'
import type { VariantSnapshot } from '../../contracts/catalog.events.ts'
import type { DbOrTx } from '../../platform/db/db.ts'
import type { VariantView } from './cart.rules.ts'
import { type ProductRow, type ProductStatus, products, stock, variants } from './cart.tables.ts'

export interface ProductSnapshot {
  productId: string
  name: string
  slug: string
  status: ProductStatus
  variants: Array<z.infer<typeof VariantSnapshot>>
}

/** The integer column's ceiling; no shop has more available. */
const MAX_AVAILABLE = 2_147_483_647

/**
 * Stores a product snapshot unless a later one (by the event's time) is already there: its
 * variants are upserted as present, and those the snapshot no longer lists stop being sold.
 * A snapshot also undoes a deletion (a restored product is announced by product.updated).
 * True when it was applied.
 */
export async function saveProductSnapshot(tx: DbOrTx, snapshot: ProductSnapshot, at: Date): Promise<boolean> {
  const applied = await tx
    .insert(products)
    .values({ productId: snapshot.productId, name: snapshot.name, slug: snapshot.slug, status: snapshot.status, deleted: false, snapshotAt: at })
    .onConflictDoUpdate({
      target: products.productId,
      set: { name: sql`excluded.name`, slug: sql`excluded.slug`, status: sql`excluded.status`, deleted: false, snapshotAt: sql`excluded.snapshot_at` },
      setWhere: sql`${products.snapshotAt} <= excluded.snapshot_at`,
    })
    .returning({ productId: products.productId })
  if (applied.length === 0) return false

  for (const v of snapshot.variants) {
    const row = {
      productId: snapshot.productId,
      sku: v.sku,
      title: v.title,
      priceMinor: v.price.amount,
      currency: v.price.currency,
      weightGrams: v.weightGrams,
      present: true,
    }
    await tx
      .insert(variants)
      .values({ variantId: v.variantId, ...row })
      .onConflictDoUpdate({ target: variants.variantId, set: row })
  }
  const listed = snapshot.variants.map((v) => v.variantId)
  await tx
    .update(variants)
    .set({ present: false })
    .where(
      and(
        eq(variants.productId, snapshot.productId),
        listed.length > 0 ? sql`NOT (${variants.variantId} = ANY(${sql.param(listed)}::uuid[]))` : undefined,
      ),
    )
  return true
}

/** Marks the product deleted unless a later snapshot is already there; an unknown product gets a tombstone so that an older snapshot arriving late cannot revive it. */
export async function markProductDeleted(tx: DbOrTx, productId: string, at: Date): Promise<boolean> {
  const applied = await tx
    .insert(products)
    .values({ productId, name: '', slug: '', status: 'archived', deleted: true, snapshotAt: at })
    .onConflictDoUpdate({
      target: products.productId,
      set: { deleted: true, snapshotAt: sql`excluded.snapshot_at` },
      setWhere: sql`${products.snapshotAt} <= excluded.snapshot_at`,
    })
    .returning({ productId: products.productId })
  return applied.length === 1
}

/** Stores a sku's availability unless the same or a newer version is there; true when it changed. */
export async function saveStockIfNewer(tx: DbOrTx, level: { sku: string; available: number; version: number }): Promise<boolean> {
  const available = Math.max(0, Math.min(level.available, MAX_AVAILABLE))
  const rows = await tx
    .insert(stock)
    .values({ sku: level.sku, available, version: level.version })
    .onConflictDoUpdate({
      target: stock.sku,
      set: { available: sql`excluded.available`, version: sql`excluded.version`, updatedAt: sql`now()` },
      setWhere: sql`${stock.version} < excluded.version`,
    })
    .returning({ sku: stock.sku })
  return rows.length === 1
}

/** The variants by id as a cart sees them now; unknown ids are absent. */
export async function findVariantViews(db: DbOrTx, variantIds: readonly string[]): Promise<Map<string, VariantView>> {
  if (variantIds.length === 0) return new Map()
  const rows = await db
    .select({
      variantId: variants.variantId,
      productId: variants.productId,
      productName: products.name,
      slug: products.slug,
      title: variants.title,
      sku: variants.sku,
      priceMinor: variants.priceMinor,
      currency: variants.currency,
      weightGrams: variants.weightGrams,
      sellable: sql<boolean>`(${products.status} = 'active' AND NOT ${products.deleted} AND ${variants.present})`,
      available: sql<number>`coalesce(${stock.available}, 0)`.mapWith(Number),
    })
    .from(variants)
    .innerJoin(products, eq(products.productId, variants.productId))
    .leftJoin(stock, eq(stock.sku, variants.sku))
    .where(inArray(variants.variantId, [...new Set(variantIds)]))
  return new Map(rows.map((r) => [r.variantId, r]))
}

export async function findVariantView(db: DbOrTx, variantId: string): Promise<VariantView | undefined> {
  return (await findVariantViews(db, [variantId])).get(variantId)
}

export async function findProduct(db: DbOrTx, productId: string): Promise<ProductRow | undefined> {
  const [row] = await db.select().from(products).where(eq(products.productId, productId))
  return row
}

