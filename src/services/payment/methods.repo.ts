import { eq } from 'drizzle-orm'
import type { DbOrTx } from '../../platform/db/db.ts'
import { type PaymentMethodRow, paymentMethods } from './payment.tables.ts'

export async function insertMethod(db: DbOrTx, row: typeof paymentMethods.$inferInsert): Promise<PaymentMethodRow> {
  const [inserted] = await db.insert(paymentMethods).values(row).returning()
  if (!inserted) throw new Error('The payment method was not stored')
  return inserted
}

export async function findMethod(db: DbOrTx, id: string): Promise<PaymentMethodRow | undefined> {
  const [row] = await db.select().from(paymentMethods).where(eq(paymentMethods.id, id))
  return row
}
