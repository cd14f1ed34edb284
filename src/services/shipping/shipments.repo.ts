import { and, count, desc, eq, ne, type SQL, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../platform/db/db.ts'
import { NotFound } from '../../platform/errors.ts'
import { type HistoryEntry, type ShipmentRow, shipments, type ShipmentStatus, type ShipTo } from './shipping.tables.ts'

export interface NewShipment {
  id: string
  orderId: string
  orderNumber: string
  customerId: string
  shippingMethodId: string | null
  carrier: string
  trackingNumber: string
  shippingAddress: ShipTo | null
  at: Date
}

export async function insertShipment(tx: DbOrTx, s: NewShipment): Promise<ShipmentRow> {
  const { at, ...fields } = s
  const history: HistoryEntry[] = [{ status: 'pending', at: at.toISOString() }]
  const [row] = await tx
    .insert(shipments)
    .values({ ...fields, status: 'pending', history, createdAt: at, updatedAt: at })
    .returning()
  if (!row) throw new Error('The shipment insert returned no row')
  return row
}

export async function findShipment(db: DbOrTx, id: string): Promise<ShipmentRow | undefined> {
  const [row] = await db.select().from(shipments).where(eq(shipments.id, id))
  return row
}

export async function lockShipment(tx: DbOrTx, id: string): Promise<ShipmentRow> {
  const [row] = await tx.select().from(shipments).where(eq(shipments.id, id)).for('update')
  if (!row) throw new NotFound(`Shipment ${id}`, 'shipment_not_found')
  return row
}

/** The order's shipment that is not cancelled (there is at most one), locked. */
export async function lockLiveShipmentOf(tx: DbOrTx, orderId: string): Promise<ShipmentRow | undefined> {
  const [row] = await tx
    .select()
    .from(shipments)
    .where(and(eq(shipments.orderId, orderId), ne(shipments.status, 'cancelled')))
    .for('update')
  return row
}

export async function setTrackingNumber(tx: DbOrTx, id: string, trackingNumber: string): Promise<ShipmentRow> {
  const [row] = await tx.update(shipments).set({ trackingNumber, updatedAt: sql`now()` }).where(eq(shipments.id, id)).returning()
  if (!row) throw new NotFound(`Shipment ${id}`, 'shipment_not_found')
  return row
}

/** Moves the shipment to `status`, recording the step in its history. */
export async function moveShipment(
  tx: DbOrTx,
  current: ShipmentRow,
  change: { status: ShipmentStatus; trackingNumber: string; at: Date },
): Promise<ShipmentRow> {
  const history: HistoryEntry[] = [...current.history, { status: change.status, at: change.at.toISOString() }]
  const [row] = await tx
    .update(shipments)
    .set({ status: change.status, trackingNumber: change.trackingNumber, history, updatedAt: change.at })
    .where(eq(shipments.id, current.id))
    .returning()
  if (!row) throw new NotFound(`Shipment ${current.id}`, 'shipment_not_found')
  return row
}

export interface ShipmentFilter {
  customerId?: string | undefined
  orderId?: string | undefined
  status?: ShipmentStatus | undefined
  limit: number
  offset: number
}

/** Newest first (uuid v7 ids break ties). */
export async function listShipments(db: DbOrTx, filter: ShipmentFilter): Promise<{ rows: ShipmentRow[]; total: number }> {
  const conditions: SQL[] = []
  if (filter.customerId) conditions.push(eq(shipments.customerId, filter.customerId))
  if (filter.orderId) conditions.push(eq(shipments.orderId, filter.orderId))
  if (filter.status) conditions.push(eq(shipments.status, filter.status))
  const where = conditions.length > 0 ? and(...conditions) : undefined
  const rows = await db
    .select()
    .from(shipments)
    .where(where)
    .orderBy(desc(shipments.createdAt), desc(shipments.id))
    .limit(filter.limit)
    .offset(filter.offset)
  const [totals] = await db.select({ n: count() }).from(shipments).where(where)
  return { rows, total: totals?.n ?? 0 }
}
