import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../platform/db/db.ts'
import { type RefundRow, refunds } from './payment.tables.ts'

export type NewRefund = typeof refunds.$inferInsert

/** Records a refund by its id; undefined when that id is already taken (a replayed command). */
export async function insertRefund(tx: DbOrTx, row: NewRefund): Promise<RefundRow | undefined> {
  const [inserted] = await tx.insert(refunds).values(row).onConflictDoNothing({ target: refunds.id }).returning()
  return inserted
}

export async function findRefund(db: DbOrTx, id: string): Promise<RefundRow | undefined> {
  const [row] = await db.select().from(refunds).where(eq(refunds.id, id))
  return row
}

export async function updateRefund(tx: DbOrTx, id: string, patch: Partial<NewRefund>): Promise<void> {
  await tx
    .update(refunds)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(refunds.id, id))
}

/** What refunds still running on the payment will take: `rest` when one of them takes whatever is left. */
export async function pendingRefundsOf(tx: DbOrTx, paymentId: string): Promise<{ totalMinor: number; rest: boolean }> {
  const rows = await tx
    .select({ amountMinor: refunds.amountMinor })
    .from(refunds)
    .where(and(eq(refunds.paymentId, paymentId), eq(refunds.status, 'pending')))
  return { totalMinor: rows.reduce((sum, r) => sum + (r.amountMinor ?? 0), 0), rest: rows.some((r) => r.amountMinor === null) }
}

export async function refundsOf(db: DbOrTx, paymentIds: readonly string[]): Promise<Map<string, RefundRow[]>> {
  const byPayment = new Map<string, RefundRow[]>(paymentIds.map((id) => [id, []]))
  if (paymentIds.length === 0) return byPayment
  const rows = await db
    .select()
    .from(refunds)
    .where(inArray(refunds.paymentId, [...paymentIds]))
    .orderBy(asc(refunds.createdAt), asc(refunds.id))
  for (const row of rows) byPayment.get(row.paymentId)?.push(row)
  return byPayment
}
