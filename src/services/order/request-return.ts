import { v7 as uuidv7 } from 'uuid'
import type { AuthUser } from '../../platform/auth.ts'
import { NotFound } from '../../platform/errors.ts'
import { getVisibleOrder } from './get-order.ts'
import type { OrderDeps } from './order.deps.ts'
import { assertReturnWindowOpen, checkReturnItems } from './returns.rules.ts'
import { findLinesOf, lockOrder } from './orders.repo.ts'
import { type ReturnBody, type ReturnDto, toReturnDto } from './returns.dto.ts'
import { insertReturn, returnedQuantities } from './returns.repo.ts'

/**
 * The customer asks to send back some units of a delivered order, within the return window. Each
 * item must be a line of the order and no more than is left after earlier returns; the order is
 * locked while this is checked, so two requests at once cannot both take the last unit.
 */
export async function requestReturn(deps: OrderDeps, caller: AuthUser, orderId: string, body: ReturnBody): Promise<ReturnDto> {
  const visible = await getVisibleOrder(deps.db, caller, orderId)
  if (visible.customerId !== caller.id) throw new NotFound('Order', 'order_not_found')
  assertReturnWindowOpen(visible, new Date(), deps.settings.returnWindowDays)
  return deps.db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId)
    if (!order) throw new NotFound('Order', 'order_not_found')
    assertReturnWindowOpen(order, new Date(), deps.settings.returnWindowDays)
    const lines = await findLinesOf(tx, orderId)
    const sold = lines.map((l) => ({ variantId: l.variantId, sku: l.sku, quantity: l.quantity, unitPrice: Number(l.unitPriceMinor) }))
    const checked = checkReturnItems(body.items, sold, await returnedQuantities(tx, orderId, { approvedOnly: false }))
    const ret = await insertReturn(
      tx,
      { id: uuidv7(), orderId, customerId: order.customerId, reason: body.reason, refundMinor: checked.refund, currency: order.currency },
      checked.items.map((i) => ({ variantId: i.variantId, sku: i.sku, quantity: i.quantity })),
    )
    return toReturnDto(ret, order, lines)
  })
}
