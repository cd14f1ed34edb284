import { asc, eq } from 'drizzle-orm'
import type { DbOrTx } from '../../platform/db/db.ts'
import { type AdminRow, admins, orderNumbers } from './notification.tables.ts'

/** Who admin alerts go to, and the order numbers refunds are told with. */

export async function upsertAdmin(tx: DbOrTx, admin: { userId: string; email: string; firstName: string }): Promise<void> {
  await tx
    .insert(admins)
    .values(admin)
    .onConflictDoUpdate({ target: admins.userId, set: { email: admin.email, firstName: admin.firstName } })
}

export async function listAdmins(db: DbOrTx): Promise<AdminRow[]> {
  return db.select().from(admins).orderBy(asc(admins.createdAt), asc(admins.userId))
}

export async function rememberOrderNumber(tx: DbOrTx, orderId: string, number: string): Promise<void> {
  await tx.insert(orderNumbers).values({ orderId, number }).onConflictDoNothing({ target: orderNumbers.orderId })
}

export async function findOrderNumber(db: DbOrTx, orderId: string): Promise<string | undefined> {
  const [row] = await db.select({ number: orderNumbers.number }).from(orderNumbers).where(eq(orderNumbers.orderId, orderId))
  return row?.number
}
