import { pageOf } from '../../platform/pagination.ts'
import type { OrderDeps } from './order.deps.ts'
import { findLines, findOrderLabels } from './orders.repo.ts'
import { type ReturnDto, type ReturnListQuery, toReturnDto } from './returns.dto.ts'
import { listReturns } from './returns.repo.ts'

/** Returns for admins to decide on, newest first, optionally of one status or one order. */
export async function listReturnsForAdmin(
  deps: OrderDeps,
  query: ReturnListQuery,
): Promise<{ items: ReturnDto[]; total: number; page: number; pageSize: number }> {
  const page = pageOf(query)
  const { rows, total } = await listReturns(deps.db, { status: query.status, orderId: query.orderId }, page)
  const orderIds = [...new Set(rows.map((r) => r.orderId))]
  const [labels, lines] = await Promise.all([findOrderLabels(deps.db, orderIds), findLines(deps.db, orderIds)])
  return { items: rows.map((r) => toReturnDto(r, labels.get(r.orderId), lines.get(r.orderId))), total, page: page.page, pageSize: page.pageSize }
}
