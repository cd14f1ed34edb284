import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../platform/db/db.ts'
import { type PaymentRow, payments } from './payment.tables.ts'

export type NewPayment = typeof payments.$inferInsert

/** Takes the order's payment slot. Undefined when the order already has one (a replay, or a tombstone). */
export async function insertPayment(tx: DbOrTx, row: NewPayment): Promise<PaymentRow | undefined> {
  const [inserted] = await tx.insert(payments).values(row).onConflictDoNothing({ target: payments.orderId }).returning()
  return inserted
}

export async function findPayment(db: DbOrTx, id: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.id, id))
  return row
}

/** Locks the payment until the transaction ends: every change of a payment, and every action queued on it, goes through here. */
export async function lockPayment(tx: DbOrTx, id: string): Promise<PaymentRow | undefined> {
  const [row] = await tx.select().from(payments).where(eq(payments.id, id)).for('update')
  return row
}

export async function lockPaymentByOrder(tx: DbOrTx, orderId: string): Promise<PaymentRow | undefined> {
  const [row] = await tx.select().from(payments).where(eq(payments.orderId, orderId)).for('update')
  return row
}

export async function lockPaymentByRef(tx: DbOrTx, provider: string, ref: string): Promise<PaymentRow | undefined> {
  const [row] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.provider, provider), eq(payments.providerRef, ref)))
    .for('update')
  return row
}

export async function updatePayment(tx: DbOrTx, id: string, patch: Partial<NewPayment>): Promise<void> {
  await tx
    .update(payments)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(payments.id, id))
}

export interface PaymentFilter {
  /** Only this customer's payments; undefined for an admin. */
  customerId?: string | undefined
  orderId?: string | undefined
}

export async function listPayments(db: DbOrTx, filter: PaymentFilter, page: { limit: number; offset: number }): Promise<{ rows: PaymentRow[]; total: number }> {
  const conditions: SQL[] = []
  if (filter.customerId !== undefined) conditions.push(eq(payments.customerId, filter.customerId))
  if (filter.orderId !== undefined) conditions.push(eq(payments.orderId, filter.orderId))
  const where = conditions.length > 0 ? and(...conditions) : undefined
  const [rows, [totals]] = await Promise.all([
    db.select().from(payments).where(where).orderBy(desc(payments.createdAt), desc(payments.id)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(payments).where(where),
  ])
  return { rows, total: totals?.n ?? 0 }
}
