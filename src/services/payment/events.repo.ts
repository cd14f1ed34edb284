import { asc, inArray } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { DbOrTx } from '../../platform/db/db.ts'
import { type PaymentEventRow, paymentEvents } from './payment.tables.ts'

/** Adds a line to the payment's history. */
export async function addEvent(tx: DbOrTx, paymentId: string, type: string, data?: Record<string, unknown>): Promise<void> {
  await tx.insert(paymentEvents).values({ id: uuidv7(), paymentId, type, data: data ?? null })
}

/** The histories of these payments, oldest line first. */
export async function eventsOf(db: DbOrTx, paymentIds: readonly string[]): Promise<Map<string, PaymentEventRow[]>> {
  const byPayment = new Map<string, PaymentEventRow[]>(paymentIds.map((id) => [id, []]))
  if (paymentIds.length === 0) return byPayment
  const rows = await db
    .select()
    .from(paymentEvents)
    .where(inArray(paymentEvents.paymentId, [...paymentIds]))
    .orderBy(asc(paymentEvents.createdAt), asc(paymentEvents.id))
  for (const row of rows) byPayment.get(row.paymentId)?.push(row)
  return byPayment
}
