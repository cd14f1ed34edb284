import type { AuthUser } from '../../platform/auth.ts'
import { NotFound } from '../../platform/errors.ts'
import { getVisibleOrder, viewOrder } from './get-order.ts'
import type { OrderDeps } from './order.deps.ts'
import type { OrderDto } from './orders.dto.ts'
import { lockOrder } from './orders.repo.ts'
import { runSagaStep, sagaStateOf } from './saga-step.ts'
import { assertCanCancel } from './saga.rules.ts'

/**
 * The customer changes their mind before shipment: the order is cancelled and the saga gives back
 * what it took (stock released, or restocked if committed; the payment voided, or refunded if
 * captured). After shipment it is too late (409).
 */
export async function cancelOrder(deps: OrderDeps, caller: AuthUser, id: string): Promise<OrderDto> {
  const visible = await getVisibleOrder(deps.db, caller, id)
  const detail = visible.customerId === caller.id ? 'Cancelled at the customer’s request.' : 'Cancelled by the shop.'
  const cancelled = await deps.db.transaction(async (tx) => {
    const order = await lockOrder(tx, id)
    if (!order) throw new NotFound('Order', 'order_not_found')
    assertCanCancel(sagaStateOf(order))
    return runSagaStep(deps, tx, order, { event: { type: 'customer_cancel' }, entry: 'cancel requested', detail })
  })
  return viewOrder(deps, cancelled)
}
