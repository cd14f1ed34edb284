import { eq, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../platform/db/db.ts'
import { type OrderRow, orders, type ShipTo } from './shipping.tables.ts'

export interface ConfirmedOrder {
  orderId: string
  number: string
  customerId: string
  shippingMethodId: string
  shippingMethodName: string
  shippingAddress: ShipTo
}

/** Records a confirmed order. An order already known stays as it is: a cancellation that came first is not undone. */
export async function recordConfirmed(tx: DbOrTx, order: ConfirmedOrder): Promise<void> {
  await tx
    .insert(orders)
    .values({ ...order, status: 'confirmed' })
    .onConflictDoNothing({ target: orders.orderId })
}

/** Records a cancelled order, known or not; cancelled is final. */
export async function recordCancelled(tx: DbOrTx, order: { orderId: string; number: string; customerId: string }): Promise<void> {
  await tx
    .insert(orders)
    .values({ ...order, status: 'cancelled' })
    .onConflictDoUpdate({ target: orders.orderId, set: { status: 'cancelled', updatedAt: sql`now()` } })
}

export async function findOrder(db: DbOrTx, orderId: string): Promise<OrderRow | undefined> {
  const [row] = await db.select().from(orders).where(eq(orders.orderId, orderId))
  return row
}

/** Locks the order's row until the transaction ends: a shipment being made and the order's cancellation queue. */
export async function lockOrder(tx: DbOrTx, orderId: string): Promise<OrderRow | undefined> {
  const [row] = await tx.select().from(orders).where(eq(orders.orderId, orderId)).for('update')
  return row
}
