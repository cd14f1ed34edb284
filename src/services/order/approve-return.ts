import { inventoryRestock } from '../../contracts/inventory.messages.ts'
import { paymentRefund } from '../../contracts/payment.messages.ts'
import type { AuthUser } from '../../platform/auth.ts'
import { Conflict, NotFound } from '../../platform/errors.ts'
import { returnedEvent } from './order.events.ts'
import type { OrderDeps } from './order.deps.ts'
import { canMoveReturn } from './order.rules.ts'
import { isFullyReturned } from './returns.rules.ts'
import { findLinesOf, lockOrder } from './orders.repo.ts'
import { runSagaStep } from './saga-step.ts'
import { type ReturnDto, toReturnDto } from './returns.dto.ts'
import { findReturn, lockReturn, returnedQuantities, setReturnStatus } from './returns.repo.ts'

/**
 * An admin accepts a return: its lines are refunded (payment.refund, idempotent by the return's
 * id) and put back on hand (inventory.restock), and when every unit of the order has come back
 * the order becomes returned. order.returned tells the rest. Approving twice is a conflict.
 */
export async function approveReturn(deps: OrderDeps, admin: AuthUser, returnId: string): Promise<ReturnDto> {
  const found = await findReturn(deps.db, returnId)
  if (!found) throw new NotFound('Return', 'return_not_found')
  return deps.db.transaction(async (tx) => {
    // The order first, then the return: the same order every other writer takes them in.
    const order = await lockOrder(tx, found.orderId)
    const ret = await lockReturn(tx, returnId)
    if (!order || !ret) throw new NotFound('Return', 'return_not_found')
    if (!canMoveReturn(ret.status, 'approved')) throw new Conflict(`This return is already ${ret.status}.`, 'return_already_decided')

    const lines = await findLinesOf(tx, order.id)
    const refundFree = Number(ret.refundMinor) === 0
    const approved = await setReturnStatus(tx, ret.id, refundFree ? 'refunded' : 'approved', {
      approvedAt: new Date(),
      approvedBy: admin.id,
      ...(refundFree ? { refundedAt: new Date() } : {}),
    })
    const sold = lines.map((l) => ({ variantId: l.variantId, sku: l.sku, quantity: l.quantity, unitPrice: Number(l.unitPriceMinor) }))
    const fully = isFullyReturned(sold, await returnedQuantities(tx, order.id, { approvedOnly: true }))

    if (!refundFree) {
      await deps.outbox.add(
        tx,
        paymentRefund({ orderId: order.id, refundId: ret.id, amount: { amount: Number(ret.refundMinor), currency: ret.currency }, reason: 'return' }),
      )
    }
    await deps.outbox.add(tx, inventoryRestock({ orderId: order.id, returnId: ret.id, lines: ret.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) }))
    const updated = fully ? await runSagaStep(deps, tx, order, { event: { type: 'returned' }, entry: `return ${ret.id} approved` }) : order
    await deps.outbox.add(tx, returnedEvent(updated, ret, fully))
    return toReturnDto({ ...approved, lines: ret.lines }, updated, lines)
  })
}
