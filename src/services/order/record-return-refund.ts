import type { Tx } from '../../platform/db/db.ts'
import type { OrderDeps } from './order.deps.ts'
import { canMoveReturn } from './order.rules.ts'
import type { OrderRow } from './order.tables.ts'
import { addSagaLog, type OrderPatch, updateOrder } from './orders.repo.ts'
import { lockReturn, setReturnStatus } from './returns.repo.ts'
import { type PaymentFacts, paymentPatch } from './saga-step.ts'

/**
 * Where the money stands after a payment event that needs no saga decision (captured, voided,
 * refunded, disputed), on an order the caller has locked. A capture also ends the saga's last step;
 * a `note` goes to the saga log.
 */
export async function recordPayment(
  deps: OrderDeps,
  tx: Tx,
  order: OrderRow,
  entry: string,
  facts: PaymentFacts,
  options: { captured?: boolean; note?: string } = {},
): Promise<OrderRow> {
  const patch: OrderPatch = paymentPatch(order, facts)
  if (options.captured && order.sagaStep === 'capturing') patch.sagaStep = 'done'
  const updated = Object.keys(patch).length > 0 ? await updateOrder(tx, order.id, patch) : order
  // The happy path's news is in the order row itself; the log keeps what someone may look into later.
  if (options.note) await addSagaLog(tx, order.id, entry, options.note)
  deps.log.debug({ orderId: order.id, entry, paymentStatus: updated.paymentStatus }, 'payment recorded')
  return updated
}

/** A refund or refund failure answering one of the order's returns moves that return on; other refunds leave returns alone. */
export async function recordReturnRefund(tx: Tx, orderId: string, refundId: string, outcome: 'refunded' | 'refund_failed'): Promise<boolean> {
  const ret = await lockReturn(tx, refundId)
  if (!ret || ret.orderId !== orderId || !canMoveReturn(ret.status, outcome)) return false
  await setReturnStatus(tx, ret.id, outcome, outcome === 'refunded' ? { refundedAt: new Date() } : {})
  return true
}
