import { and, asc, eq, getTableColumns, inArray, lte, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../platform/db/db.ts'
import type { Line } from './inventory.rules.ts'
import {
  type RecordedFailure,
  type ReservationRow,
  type ReservationStatus,
  reservationLines,
  reservations,
} from './inventory.tables.ts'

/** A reservation locked for change, with whether its time has run out by the database clock. */
export type LockedReservation = ReservationRow & { pastExpiry: boolean }

/**
 * Takes the order's reservation slot, status `reserved`, expiring `ttlSeconds` from now. Undefined
 * when the order already has one: a concurrent duplicate waits here for the first to commit.
 */
export async function claimReservation(
  tx: DbOrTx,
  claim: { orderId: string; ttlSeconds: number; correlationId: string | null },
): Promise<ReservationRow | undefined> {
  const [row] = await tx
    .insert(reservations)
    .values({
      orderId: claim.orderId,
      status: 'reserved',
      expiresAt: sql`now() + make_interval(secs => ${claim.ttlSeconds})`,
      correlationId: claim.correlationId,
    })
    .onConflictDoNothing({ target: reservations.orderId })
    .returning()
  return row
}

export async function findReservation(db: DbOrTx, orderId: string): Promise<ReservationRow | undefined> {
  const [row] = await db.select().from(reservations).where(eq(reservations.orderId, orderId))
  return row
}

/** Locks the order's reservation until the transaction ends: commit, release and the sweeper queue on it. */
export async function lockReservation(tx: DbOrTx, orderId: string): Promise<LockedReservation | undefined> {
  const [row] = await tx
    .select({ ...getTableColumns(reservations), pastExpiry: sql<boolean>`${reservations.expiresAt} <= now()` })
    .from(reservations)
    .where(eq(reservations.orderId, orderId))
    .for('update')
  return row
}

/** Claims up to `limit` reservations whose time has run out; rows another replica holds are skipped. */
export async function claimExpired(tx: DbOrTx, limit: number): Promise<ReservationRow[]> {
  return tx
    .select()
    .from(reservations)
    .where(and(eq(reservations.status, 'reserved'), lte(reservations.expiresAt, sql`now()`)))
    .orderBy(asc(reservations.expiresAt))
    .limit(limit)
    .for('update', { skipLocked: true })
}

export async function insertLines(tx: DbOrTx, orderId: string, lines: readonly Line[]): Promise<void> {
  if (lines.length === 0) return
  await tx.insert(reservationLines).values(lines.map((l) => ({ orderId, sku: l.sku, quantity: l.quantity })))
}

/** The lines of each order, in sku order. */
export async function findLines(db: DbOrTx, orderIds: readonly string[]): Promise<Map<string, Line[]>> {
  const byOrder = new Map<string, Line[]>(orderIds.map((id) => [id, []]))
  if (orderIds.length === 0) return byOrder
  const rows = await db
    .select()
    .from(reservationLines)
    .where(inArray(reservationLines.orderId, [...orderIds]))
    .orderBy(asc(reservationLines.orderId), asc(reservationLines.sku))
  for (const row of rows) byOrder.get(row.orderId)?.push({ sku: row.sku, quantity: row.quantity })
  return byOrder
}

export async function findLinesOf(db: DbOrTx, orderId: string): Promise<Line[]> {
  return (await findLines(db, [orderId])).get(orderId) ?? []
}

export async function setReservationStatus(
  tx: DbOrTx,
  orderId: string,
  status: ReservationStatus,
  outcome: { failure?: RecordedFailure; releaseReason?: string; restocked?: boolean } = {},
): Promise<void> {
  await tx
    .update(reservations)
    .set({ status, ...outcome, updatedAt: sql`now()` })
    .where(eq(reservations.orderId, orderId))
}
