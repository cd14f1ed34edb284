import { and, count, desc, eq } from 'drizzle-orm'
import type { DbOrTx } from '../../platform/db/db.ts'
import { reviewEligibility, type ReviewRow, reviews } from './catalog.tables.ts'

export type NewReview = typeof reviews.$inferInsert

export async function isEligibleToReview(db: DbOrTx, customerId: string, productId: string): Promise<boolean> {
  const rows = await db
    .select({ productId: reviewEligibility.productId })
    .from(reviewEligibility)
    .where(and(eq(reviewEligibility.customerId, customerId), eq(reviewEligibility.productId, productId)))
    .limit(1)
  return rows.length > 0
}

/** Opens reviews of these products to the customer; already open stays open. */
export async function allowReviews(tx: DbOrTx, customerId: string, productIds: readonly string[]): Promise<void> {
  if (productIds.length === 0) return
  await tx
    .insert(reviewEligibility)
    .values([...new Set(productIds)].map((productId) => ({ customerId, productId })))
    .onConflictDoNothing()
}

export async function hasReviewed(db: DbOrTx, customerId: string, productId: string): Promise<boolean> {
  const rows = await db
    .select({ id: reviews.id })
    .from(reviews)
    .where(and(eq(reviews.customerId, customerId), eq(reviews.productId, productId)))
    .limit(1)
  return rows.length > 0
}

export async function insertReview(tx: DbOrTx, review: NewReview): Promise<ReviewRow> {
  const [row] = await tx.insert(reviews).values(review).returning()
  return row as ReviewRow
}

export async function listReviews(
  db: DbOrTx,
  productId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: ReviewRow[]; total: number }> {
  const rows = await db
    .select()
    .from(reviews)
    .where(eq(reviews.productId, productId))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(page.limit)
    .offset(page.offset)
  const [totals] = await db.select({ n: count() }).from(reviews).where(eq(reviews.productId, productId))
  return { rows, total: totals?.n ?? 0 }
}
