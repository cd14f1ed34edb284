import type { AuthUser } from '../../platform/auth.ts'
import type { DbOrTx } from '../../platform/db/db.ts'
import { NotFound } from '../../platform/errors.ts'
import type { OrderDeps } from './order.deps.ts'
import type { OrderRow } from './order.tables.ts'
import { type OrderDto, toOrderDto } from './orders.dto.ts'
import { findHistory, findLinesOf, findOrder } from './orders.repo.ts'
import { findReturnsOf } from './returns.repo.ts'

/** The order if the caller may see it: its customer, or an admin. Anyone else gets the same 404 as for no order at all. */
export async function getVisibleOrder(db: DbOrTx, caller: AuthUser, id: string): Promise<OrderRow> {
  const order = await findOrder(db, id)
  if (!order || (order.customerId !== caller.id && caller.role !== 'admin')) throw new NotFound('Order', 'order_not_found')
  return order
}

/** Everything about one order: lines, history and returns. */
export async function viewOrder(deps: OrderDeps, order: OrderRow): Promise<OrderDto> {
  const { db } = deps
  const [lines, history, returns] = await Promise.all([findLinesOf(db, order.id), findHistory(db, order.id), findReturnsOf(db, order.id)])
  return toOrderDto(order, lines, history, returns, deps.settings.returnWindowDays)
}

export async function getOrder(deps: OrderDeps, caller: AuthUser, id: string): Promise<OrderDto> {
  return viewOrder(deps, await getVisibleOrder(deps.db, caller, id))
}
