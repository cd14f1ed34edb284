import { sql } from 'drizzle-orm'
import type { DbOrTx } from '../../platform/db/db.ts'
import { variantStock } from './catalog.tables.ts'

/** Stores a sku's availability unless a newer (or the same) version is already there; true when it changed. */
export async function saveStockIfNewer(tx: DbOrTx, level: { sku: string; available: number; version: number }): Promise<boolean> {
  const rows = await tx
    .insert(variantStock)
    .values(level)
    .onConflictDoUpdate({
      target: variantStock.sku,
      set: { available: sql`excluded.available`, version: sql`excluded.version`, updatedAt: sql`now()` },
      setWhere: sql`${variantStock.version} < excluded.version`,
    })
    .returning({ sku: variantStock.sku })
  return rows.length === 1
}
