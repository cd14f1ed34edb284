import { BadRequest } from '../../platform/errors.ts'
import { dailySales, salesFigures, topProducts } from './dashboard.repo.ts'
import type { DashboardDto, DashboardQuery } from './dashboard.dto.ts'
import type { OrderDeps } from './order.deps.ts'
import { averageOf, daysBetween } from './order.rules.ts'
import { rangeEnd, rangeStart, toSummaryDto } from './orders.dto.ts'
import { findLines, listOrders } from './orders.repo.ts'
import { fetchLowStock } from './services.client.ts'

const DEFAULT_DAYS = 30
const TOP_PRODUCTS = 5
const RECENT_ORDERS = 10

/**
 * The admin's overview of a period (the last 30 days unless given): net revenue, order count and
 * average, best sellers, sales per day, the newest orders, and low stock as inventory reports it.
 * Inventory is asked first, outside any transaction; if it does not answer the rest still comes,
 * with a warning.
 */
export async function getDashboard(deps: OrderDeps, authorization: string, query: DashboardQuery): Promise<DashboardDto> {
  const to = rangeEnd(query.to) ?? new Date()
  const from = rangeStart(query.from) ?? new Date(to.getTime() - DEFAULT_DAYS * 24 * 3600 * 1000)
  if (from.getTime() >= to.getTime()) throw new BadRequest('`from` must be before `to`.', [{ path: 'query.from', message: 'Must be before to' }])
  const period = { from, to }

  const [lowStock, figures, top, daily, recent] = await Promise.all([
    fetchLowStock(deps, authorization),
    salesFigures(deps.db, period),
    topProducts(deps.db, period, TOP_PRODUCTS),
    dailySales(deps.db, period),
    listOrders(deps.db, { from, to }, { limit: RECENT_ORDERS, offset: 0 }),
  ])
  const lines = await findLines(deps.db, recent.rows.map((r) => r.id))
  const money = (amount: number) => ({ amount, currency: deps.currency })
  const byDay = new Map(daily.map((d) => [d.date, d]))
  const days = daysBetween(from, to)
  const series = (days.length < 366 ? days : daily.map((d) => d.date)).map((date) => {
    const d = byDay.get(date)
    return { date, orders: d?.orders ?? 0, revenue: money(d?.revenue ?? 0) }
  })
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    revenue: money(figures.revenue),
    orderCount: figures.orderCount,
    averageOrderValue: money(averageOf(figures.revenue, figures.orderCount)),
    topProducts: top.map((p) => ({ ...p, revenue: money(p.revenue) })),
    lowStock: lowStock ?? [],
    recentOrders: recent.rows.map((r) => toSummaryDto(r, lines.get(r.id) ?? [])),
    series,
    warnings: lowStock ? [] : ['Low stock is unknown: the inventory service did not answer.'],
  }
}
