import { and, asc, count, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../platform/db/db.ts'
import type { ReturnStatus } from './order.rules.ts'
import { type ReturnLineRow, returnLines, type ReturnRow, returns } from './order.tables.ts'

export type ReturnWithLines = ReturnRow & { lines: ReturnLineRow[] }

export async function insertReturn(
  tx: DbOrTx,
  row: Pick<ReturnRow, 'id' | 'orderId' | 'customerId' | 'reason' | 'refundMinor' | 'currency'>,
  lines: ReadonlyArray<Omit<ReturnLineRow, 'returnId'>>,
): Promise<ReturnWithLines> {
  const [inserted] = await tx
    .insert(returns)
    .values({ ...row, status: 'requested' })
    .returning()
  if (!inserted) throw new Error('The return insert returned no row')
  const insertedLines = await tx
    .insert(returnLines)
    .values(lines.map((l) => ({ ...l, returnId: inserted.id })))
    .returning()
  return { ...inserted, lines: insertedLines }
}

async function withLines(db: DbOrTx, rows: ReturnRow[]): Promise<ReturnWithLines[]> {
  if (rows.length === 0) return []
  const lines = await db
    .select()
    .from(returnLines)
    .where(inArray(returnLines.returnId, rows.map((r) => r.id)))
    .orderBy(asc(returnLines.returnId), asc(returnLines.variantId))
  return rows.map((r) => ({ ...r, lines: lines.filter((l) => l.returnId === r.id) }))
}

export async function findReturnsOf(db: DbOrTx, orderId: string): Promise<ReturnWithLines[]> {
  const rows = await db.select().from(returns).where(eq(returns.orderId, orderId)).orderBy(asc(returns.createdAt), asc(returns.id))
  return withLines(db, rows)
}

export async function findReturn(db: DbOrTx, id: string): Promise<ReturnWithLines | undefined> {
  const rows = await db.select().from(returns).where(eq(returns.id, id))
  return (await withLines(db, rows))[0]
}

/** Locks the return until the transaction ends. */
export async function lockReturn(tx: DbOrTx, id: string): Promise<ReturnWithLines | undefined> {
  const rows = await tx.select().from(returns).where(eq(returns.id, id)).for('update')
  return (await withLines(tx, rows))[0]
}

/** Units per variant that the order's returns cover: all of them, or only those past `requested`. */
export async function returnedQuantities(db: DbOrTx, orderId: string, options: { approvedOnly: boolean }): Promise<Map<string, number>> {
  const rows = await db
    .select({ variantId: returnLines.variantId, quantity: sql<number>`sum(${returnLines.quantity})::int` })
    .from(returnLines)
    .innerJoin(returns, eq(returns.id, returnLines.returnId))
    .where(and(eq(returns.orderId, orderId), options.approvedOnly ? ne(returns.status, 'requested') : undefined))
    .groupBy(returnLines.variantId)
  return new Map(rows.map((r) => [r.variantId, Number(r.quantity)]))
}

export async function setReturnStatus(
  tx: DbOrTx,
  id: string,
  status: ReturnStatus,
  stamps: Partial<Pick<ReturnRow, 'approvedAt' | 'approvedBy' | 'refundedAt'>> = {},
): Promise<ReturnRow> {
  const [row] = await tx.update(returns).set({ status, ...stamps }).where(eq(returns.id, id)).returning()
  if (!row) throw new Error(`Return ${id} vanished while it was locked`)
  return row
}

/** Marks the return's units back on hand; false when it is not a return of that order. */
export async function markRestocked(tx: DbOrTx, id: string, orderId: string): Promise<boolean> {
  const rows = await tx
    .update(returns)
    .set({ restockedAt: sql`coalesce(${returns.restockedAt}, now())` })
    .where(and(eq(returns.id, id), eq(returns.orderId, orderId)))
    .returning({ id: returns.id })
  return rows.length > 0
}

export async function listReturns(
  db: DbOrTx,
  filter: { status?: ReturnStatus | undefined; orderId?: string | undefined },
  page: { limit: number; offset: number },
): Promise<{ rows: ReturnWithLines[]; total: number }> {
  const where = and(filter.status ? eq(returns.status, filter.status) : undefined, filter.orderId ? eq(returns.orderId, filter.orderId) : undefined)
  const [rows, totals] = await Promise.all([
    db.select().from(returns).where(where).orderBy(desc(returns.createdAt), desc(returns.id)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(returns).where(where),
  ])
  return { rows: await withLines(db, rows), total: totals[0]?.n ?? 0 }
}
