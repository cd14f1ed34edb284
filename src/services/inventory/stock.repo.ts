import { and, asc, count, desc, eq, like, type SQL, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { DbOrTx } from '../../platform/db/db.ts'
import { NotFound } from '../../platform/errors.ts'
import { skuPrefixPattern } from './inventory.rules.ts'
import { type LevelRow, type MovementReason, type MovementRow, movements, stockLevels } from './inventory.tables.ts'

export async function findLevel(db: DbOrTx, sku: string): Promise<LevelRow | undefined> {
  const [row] = await db.select().from(stockLevels).where(eq(stockLevels.sku, sku))
  return row
}

/** The levels of these skus (those that have one), unlocked. */
export async function findLevels(db: DbOrTx, skus: readonly string[]): Promise<LevelRow[]> {
  if (skus.length === 0) return []
  return db.select().from(stockLevels).where(sql`${stockLevels.sku} = ANY(${sql.param([...skus])}::text[])`)
}

export async function getLevel(db: DbOrTx, sku: string): Promise<LevelRow> {
  const row = await findLevel(db, sku)
  if (!row) throw new NotFound(`Stock for sku ${sku}`, 'unknown_sku')
  return row
}

/**
 * Locks the levels of these skus until the transaction ends, always in sku order, so that two
 * transactions locking overlapping skus queue instead of deadlocking. Unknown skus are absent.
 */
export async function lockLevels(tx: DbOrTx, skus: readonly string[]): Promise<LevelRow[]> {
  if (skus.length === 0) return []
  return tx
    .select()
    .from(stockLevels)
    .where(sql`${stockLevels.sku} = ANY(${sql.param([...skus])}::text[])`)
    .orderBy(asc(stockLevels.sku))
    .for('update')
}

/** Locks one level; NotFound when the sku has none. */
export async function lockLevel(tx: DbOrTx, sku: string): Promise<LevelRow> {
  const [row] = await lockLevels(tx, [sku])
  if (!row) throw new NotFound(`Stock for sku ${sku}`, 'unknown_sku')
  return row
}

/** Creates the level unless the sku has one; undefined when it had. */
export async function insertLevelIfAbsent(
  tx: DbOrTx,
  level: { sku: string; onHand: number; lowStockThreshold: number },
): Promise<LevelRow | undefined> {
  const [row] = await tx.insert(stockLevels).values(level).onConflictDoNothing({ target: stockLevels.sku }).returning()
  return row
}

/** Moves on hand and reserved by the given amounts; the CHECK constraints refuse anything that would oversell. */
export async function moveLevel(tx: DbOrTx, sku: string, delta: number, reservedDelta: number): Promise<LevelRow> {
  const [row] = await tx
    .update(stockLevels)
    .set({
      onHand: sql`${stockLevels.onHand} + ${delta}`,
      reserved: sql`${stockLevels.reserved} + ${reservedDelta}`,
      version: sql`${stockLevels.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(stockLevels.sku, sku))
    .returning()
  if (!row) throw new NotFound(`Stock for sku ${sku}`, 'unknown_sku')
  return row
}

export async function setThreshold(tx: DbOrTx, sku: string, lowStockThreshold: number): Promise<LevelRow> {
  const [row] = await tx
    .update(stockLevels)
    .set({ lowStockThreshold, version: sql`${stockLevels.version} + 1`, updatedAt: sql`now()` })
    .where(eq(stockLevels.sku, sku))
    .returning()
  if (!row) throw new NotFound(`Stock for sku ${sku}`, 'unknown_sku')
  return row
}

export interface NewMovement {
  sku: string
  delta: number
  reservedDelta: number
  reason: MovementReason
  orderId?: string | null | undefined
  note?: string | null | undefined
  actorId?: string | null | undefined
}

export async function insertMovements(tx: DbOrTx, rows: readonly NewMovement[]): Promise<void> {
  if (rows.length === 0) return
  await tx.insert(movements).values(
    rows.map((m) => ({
      id: uuidv7(),
      sku: m.sku,
      delta: m.delta,
      reservedDelta: m.reservedDelta,
      reason: m.reason,
      orderId: m.orderId ?? null,
      note: m.note ?? null,
      actorId: m.actorId ?? null,
    })),
  )
}

export async function listLevels(
  db: DbOrTx,
  filter: { lowStock: boolean; prefix?: string | undefined; limit: number; offset: number },
): Promise<{ rows: LevelRow[]; total: number }> {
  const conditions: SQL[] = []
  if (filter.lowStock) conditions.push(sql`${stockLevels.onHand} - ${stockLevels.reserved} <= ${stockLevels.lowStockThreshold}`)
  if (filter.prefix) conditions.push(like(stockLevels.sku, skuPrefixPattern(filter.prefix)))
  const where = conditions.length > 0 ? and(...conditions) : undefined
  const rows = await db.select().from(stockLevels).where(where).orderBy(asc(stockLevels.sku)).limit(filter.limit).offset(filter.offset)
  const [totals] = await db.select({ n: count() }).from(stockLevels).where(where)
  return { rows, total: totals?.n ?? 0 }
}

/** The sku's ledger, newest first (uuid v7 ids break ties within one transaction). */
export async function listMovements(
  db: DbOrTx,
  sku: string,
  page: { limit: number; offset: number },
): Promise<{ rows: MovementRow[]; total: number }> {
  const rows = await db
    .select()
    .from(movements)
    .where(eq(movements.sku, sku))
    .orderBy(desc(movements.createdAt), desc(movements.id))
    .limit(page.limit)
    .offset(page.offset)
  const [totals] = await db.select({ n: count() }).from(movements).where(eq(movements.sku, sku))
  return { rows, total: totals?.n ?? 0 }
}
