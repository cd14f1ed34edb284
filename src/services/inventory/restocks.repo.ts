import { eq } from 'drizzle-orm'
import type { DbOrTx } from '../../platform/db/db.ts'
import type { Line } from './inventory.rules.ts'
import { type RestockRow, restocks } from './inventory.tables.ts'

export async function findRestock(db: DbOrTx, returnId: string): Promise<RestockRow | undefined> {
  const [row] = await db.select().from(restocks).where(eq(restocks.returnId, returnId))
  return row
}

/** Every unit earlier returns of the order put back. */
export async function findRestockedLines(db: DbOrTx, orderId: string): Promise<Line[]> {
  const rows = await db.select({ lines: restocks.lines }).from(restocks).where(eq(restocks.orderId, orderId))
  return rows.flatMap((r) => r.lines)
}

export async function insertRestock(tx: DbOrTx, row: { returnId: string; orderId: string; lines: Line[] }): Promise<void> {
  await tx.insert(restocks).values(row)
}
