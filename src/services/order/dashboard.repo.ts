import { and, desc, eq, gte, lt, ne, type SQL, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../platform/db/db.ts'
import { orderLines, orders } from './order.tables.ts'

export interface Period {
  from: Date
  to: Date
}

/** Orders that count as sales in the period: confirmed in it, and not cancelled since. */
function soldIn(period: Period): SQL | undefined {
  return and(gte(orders.confirmedAt, period.from), lt(orders.confirmedAt, period.to), ne(orders.status, 'cancelled'))
}

/** What the sales came to, net of refunds. */
const netRevenue = sql<string>`coalesce(sum(${orders.totalMinor} - ${orders.refundedMinor}), 0)`

export async function salesFigures(db: DbOrTx, period: Period): Promise<{ orderCount: number; revenue: number }> {
  const [row] = await db.select({ orderCount: sql<number>`count(*)::int`, revenue: netRevenue }).from(orders).where(soldIn(period))
  return { orderCount: Number(row?.orderCount ?? 0), revenue: Number(row?.revenue ?? 0) }
}

export async function topProducts(
  db: DbOrTx,
  period: Period,
  limit: number,
): Promise<Array<{ productId: string; name: string; quantity: number; revenue: number }>> {
  const revenue = sql<string>`sum(${orderLines.lineTotalMinor})`
  const rows = await db
    .select({
      productId: orderLines.productId,
      name: sql<string>`min(${orderLines.name})`,
      quantity: sql<number>`sum(${orderLines.quantity})::int`,
      revenue,
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(soldIn(period))
    .groupBy(orderLines.productId)
    .orderBy(desc(revenue), desc(sql`sum(${orderLines.quantity})`))
    .limit(limit)
  return rows.map((r) => ({ productId: r.productId, name: r.name, quantity: Number(r.quantity), revenue: Number(r.revenue) }))
}

/** Sales per UTC day, only days that had any. */
export async function dailySales(db: DbOrTx, period: Period): Promise<Array<{ date: string; orders: number; revenue: number }>> {
  const day = sql<string>`to_char(${orders.confirmedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
  const rows = await db
    .select({ date: day, orders: sql<number>`count(*)::int`, revenue: netRevenue })
    .from(orders)
    .where(soldIn(period))
    .groupBy(day)
    .orderBy(day)
  return rows.map((r) => ({ date: r.date, orders: Number(r.orders), revenue: Number(r.revenue) }))
}
