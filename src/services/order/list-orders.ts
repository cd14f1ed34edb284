import type { AuthUser } from '../../platform/auth.ts'
import { pageOf } from '../../platform/pagination.ts'
import type { OrderDeps } from './order.deps.ts'
import { type AdminListQuery, type CustomerListQuery, type OrderSummaryDto, rangeEnd, rangeStart, toSummaryDto } from './orders.dto.ts'
import { findLines, type OrderFilter, listOrders } from './orders.repo.ts'

interface OrderList {
  items: OrderSummaryDto[]
  total: number
  page: number
  pageSize: number
}

async function listWith(deps: OrderDeps, filter: OrderFilter, query: { page: number; pageSize: number }): Promise<OrderList> {
  const page = pageOf(query)
  const { rows, total } = await listOrders(deps.db, filter, page)
  const lines = await findLines(deps.db, rows.map((r) => r.id))
  return { items: rows.map((r) => toSummaryDto(r, lines.get(r.id) ?? [])), total, page: page.page, pageSize: page.pageSize }
}

/** The caller's own orders, newest first, optionally of one status or one year. */
export function listMyOrders(deps: OrderDeps, caller: AuthUser, query: CustomerListQuery): Promise<OrderList> {
  return listWith(deps, { customerId: caller.id, status: query.status, year: query.year }, query)
}

/** Every order, newest first: by status, by number or email, by when it was placed. */
export function listOrdersForAdmin(deps: OrderDeps, query: AdminListQuery): Promise<OrderList> {
  return listWith(deps, { status: query.status, q: query.q || undefined, from: rangeStart(query.from), to: rangeEnd(query.to) }, query)
}
