import { inArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../platform/db/db.ts'
import { type VariantRow, variants } from './shipping.tables.ts'

export interface VariantFacts {
  variantId: string
  productId: string
  sku: string
  priceMinor: number
  currency: string
  weightGrams: number
}

/**
 * Records the variants of a product snapshot. A row changes only when this snapshot is at least as
 * new as the one it holds, so a late, older product.updated never undoes a newer one.
 */
export async function upsertVariants(tx: DbOrTx, rows: readonly VariantFacts[], sourceAt: Date): Promise<void> {
  if (rows.length === 0) return
  await tx
    .insert(variants)
    .values(rows.map((v) => ({ ...v, sourceAt })))
    .onConflictDoUpdate({
      target: variants.variantId,
      set: {
        productId: sql`excluded.product_id`,
        sku: sql`excluded.sku`,
        priceMinor: sql`excluded.price_minor`,
        currency: sql`excluded.currency`,
        weightGrams: sql`excluded.weight_grams`,
        sourceAt: sql`excluded.source_at`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${variants.sourceAt} <= excluded.source_at`,
    })
}

export async function findVariants(db: DbOrTx, ids: readonly string[]): Promise<Map<string, VariantRow>> {
  if (ids.length === 0) return new Map()
  const rows = await db.select().from(variants).where(inArray(variants.variantId, [...ids]))
  return new Map(rows.map((r) => [r.variantId, r]))
}
