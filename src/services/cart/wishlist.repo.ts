import { and, count, desc, eq, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../platform/db/db.ts'
import { products, variants, wishlistItems } from './cart.tables.ts'

export interface WishlistRow {
  productId: string
  name: string
  slug: string
  status: string
  deleted: boolean
  addedAt: Date
  /** The lowest price among the variants the product still has; null when it has none. */
  priceFromMinor: number | null
  currency: string | null
}

/** A customer's wishlist, newest first, with what the read model knows of each product. */
export async function listWishlist(db: DbOrTx, customerId: string, page: { limit: number; offset: number }): Promise<{ rows: WishlistRow[]; total: number }> {
  const cheapest = db
    .select({
      productId: variants.productId,
      priceFromMinor: sql<number>`min(${variants.priceMinor})`.mapWith(Number).as('price_from_minor'),
      currency: sql<string>`min(${variants.currency})`.as('currency'),
    })
    .from(variants)
    .where(eq(variants.present, true))
    .groupBy(variants.productId)
    .as('cheapest')
  const rows = await db
    .select({
      productId: wishlistItems.productId,
      name: products.name,
      slug: products.slug,
      status: products.status,
      deleted: products.deleted,
      addedAt: wishlistItems.addedAt,
      priceFromMinor: cheapest.priceFromMinor,
      currency: cheapest.currency,
    })
    .from(wishlistItems)
    .innerJoin(products, eq(products.productId, wishlistItems.productId))
    .leftJoin(cheapest, eq(cheapest.productId, wishlistItems.productId))
    .where(eq(wishlistItems.customerId, customerId))
    .orderBy(desc(wishlistItems.addedAt), desc(wishlistItems.productId))
    .limit(page.limit)
    .offset(page.offset)
  return { rows, total: await countWishlist(db, customerId) }
}

export async function countWishlist(db: DbOrTx, customerId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(wishlistItems).where(eq(wishlistItems.customerId, customerId))
  return row?.n ?? 0
}

/** True when it was added, false when it was already there. */
export async function insertWishlistItem(db: DbOrTx, customerId: string, productId: string): Promise<boolean> {
  const rows = await db.insert(wishlistItems).values({ customerId, productId }).onConflictDoNothing().returning({ productId: wishlistItems.productId })
  return rows.length === 1
}

export async function deleteWishlistItem(db: DbOrTx, customerId: string, productId: string): Promise<void> {
  await db.delete(wishlistItems).where(and(eq(wishlistItems.customerId, customerId), eq(wishlistItems.productId, productId)))
}
