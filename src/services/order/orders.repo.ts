import { and, asc, count, desc, eq, gte, ilike, inArray, like, lt, lte, or, type SQL, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { DbOrTx } from '../../platform/db/db.ts'
import type { OrderStatus } from './order.rules.ts'
import { type HistoryRow, type NewOrderRow, orderHistory, type OrderLineRow, orderLines, type OrderRow, orders, sagaLog } from './order.tables.ts'

export type NewLine = Omit<OrderLineRow, 'orderId'>

/** The order, its lines and its first history row; the step deadline is counted from the database clock. */
export async function insertOrder(tx: DbOrTx, order: Omit<NewOrderRow, 'stepDeadline'>, lines: readonly NewLine[], stepSeconds: number): Promise<OrderRow> {
  const [row] = await tx
    .insert(orders)
    .values({ ...order, stepDeadline: sql`now() + make_interval(secs => ${stepSeconds})` })
    .returning()
  if (!row) throw new Error('The order insert returned no row')
  await tx.insert(orderLines).values(lines.map((l) => ({ ...l, orderId: row.id })))
  await tx.insert(orderHistory).values({ id: uuidv7(), orderId: row.id, status: row.status, at: row.createdAt })
  return row
}

export async function findOrder(db: DbOrTx, id: string): Promise<OrderRow | undefined> {
  const [row] = await db.select().from(orders).where(eq(orders.id, id))
  return row
}

/** Locks the order until the transaction ends: every saga step and every customer action on it queue here. */
export async function lockOrder(tx: DbOrTx, id: string): Promise<OrderRow | undefined> {
  const [row] = await tx.select().from(orders).where(eq(orders.id, id)).for('update')
  return row
}

/** Claims up to `limit` orders whose saga step ran past its deadline; rows another replica holds are skipped. */
export async function claimOverdue(tx: DbOrTx, limit: number): Promise<OrderRow[]> {
  return tx
    .select()
    .from(orders)
    .where(lte(orders.stepDeadline, sql`now()`))
    .orderBy(asc(orders.stepDeadline))
    .limit(limit)
    .for('update', { skipLocked: true })
}

export type OrderPatch = Partial<Omit<OrderRow, 'id' | 'createdAt' | 'updatedAt' | 'stepDeadline'>> & {
  /** Seconds from now (database clock), or null for no deadline. */
  stepSeconds?: number | null
}

export async function updateOrder(tx: DbOrTx, id: string, patch: OrderPatch): Promise<OrderRow> {
  const { stepSeconds, ...fields } = patch
  const deadline =
    stepSeconds === undefined ? {} : { stepDeadline: stepSeconds === null ? null : sql`now() + make_interval(secs => ${stepSeconds})` }
  const [row] = await tx
    .update(orders)
    .set({ ...fields, ...deadline, updatedAt: sql`now()` })
    .where(eq(orders.id, id))
    .returning()
  if (!row) throw new Error(`Order ${id} vanished while it was locked`)
  return row
}

export async function addHistory(tx: DbOrTx, orderId: string, status: OrderStatus): Promise<void> {
  await tx.insert(orderHistory).values({ id: uuidv7(), orderId, status })
}

export async function addSagaLog(tx: DbOrTx, orderId: string, entry: string, detail?: string): Promise<void> {
  await tx.insert(sagaLog).values({ id: uuidv7(), orderId, entry, detail: detail ?? null })
}

/** The lines of each order, in the order they were bought. */
export async function findLines(db: DbOrTx, orderIds: readonly string[]): Promise<Map<string, OrderLineRow[]>> {
  const byOrder = new Map<string, OrderLineRow[]>(orderIds.map((id) => [id, []]))
  if (orderIds.length === 0) return byOrder
  const rows = await db
    .select()
    .from(orderLines)
    .where(inArray(orderLines.orderId, [...orderIds]))
    .orderBy(asc(orderLines.orderId), asc(orderLines.position))
  for (const row of rows) byOrder.get(row.orderId)?.push(row)
  return byOrder
}

export async function findLinesOf(db: DbOrTx, orderId: string): Promise<OrderLineRow[]> {
  return (await findLines(db, [orderId])).get(orderId) ?? []
}

export async function findHistory(db: DbOrTx, orderId: string): Promise<HistoryRow[]> {
  return db.select().from(orderHistory).where(eq(orderHistory.orderId, orderId)).orderBy(asc(orderHistory.at), asc(orderHistory.id))
}

export interface OrderFilter {
  customerId?: string | undefined
  status?: OrderStatus | undefined
  /** Orders placed in this UTC calendar year. */
  year?: number | undefined
  /** The start of an order number, or part of the customer's email. */
  q?: string | undefined
  from?: Date | undefined
  to?: Date | undefined
}

function whereOf(filter: OrderFilter): SQL | undefined {
  const conditions: SQL[] = []
  if (filter.customerId) conditions.push(eq(orders.customerId, filter.customerId))
  if (filter.status) conditions.push(eq(orders.status, filter.status))
  if (filter.year !== undefined) {
    conditions.push(gte(orders.createdAt, new Date(Date.UTC(filter.year, 0, 1))), lt(orders.createdAt, new Date(Date.UTC(filter.year + 1, 0, 1))))
  }
  if (filter.from) conditions.push(gte(orders.createdAt, filter.from))
  if (filter.to) conditions.push(lt(orders.createdAt, filter.to))
  if (filter.q) {
    const escaped = filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)
    const number = or(like(orders.number, `${escaped.toUpperCase()}%`), like(orders.number, `EMP-${escaped.toUpperCase()}%`))
    const email = ilike(orders.email, `%${escaped}%`)
    const either = or(number, email)
    if (either) conditions.push(either)
  }
  return conditions.length > 0 ? and(...conditions) : undefined
}

/** Orders matching the filter, newest first. */
export async function listOrders(db: DbOrTx, filter: OrderFilter, page: { limit: number; offset: number }): Promise<{ rows: OrderRow[]; total: number }> {
  const where = whereOf(filter)
  const [rows, totals] = await Promise.all([
    db.select().from(orders).where(where).orderBy(desc(orders.createdAt), desc(orders.id)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(orders).where(where),
  ])
  return { rows, total: totals[0]?.n ?? 0 }
}

/** Number and currency of each order, for lists of things that belong to orders. */
export async function findOrderLabels(db: DbOrTx, ids: readonly string[]): Promise<Map<string, { number: string; currency: string }>> {
  if (ids.length === 0) return new Map()
  const rows = await db.select({ id: orders.id, number: orders.number, currency: orders.currency }).from(orders).where(inArray(orders.id, [...ids]))
  return new Map(rows.map((r) => [r.id, { number: r.number, currency: r.currency }]))
}
