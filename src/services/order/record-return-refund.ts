import type { Tx } from '../../platform/db/db.ts'
import { canMoveReturn } from './order.rules.ts'
import { lockReturn, setReturnStatus } from './returns.repo.ts'

/** A refund or refund failure answering one of the order's returns moves that return on; other refunds leave returns alone. */
export async function recordReturnRefund(tx: Tx, orderId: string, refundId: string, outcome: 'refunded' | 'refund_failed'): Promise<boolean> {
  const ret = await lockReturn(tx, refundId)
  if (!ret || ret.orderId !== orderId || !canMoveReturn(ret.status, outcome)) return false
  await setReturnStatus(tx, ret.id, outcome, outcome === 'refunded' ? { refundedAt: new Date() } : {})
  return true
}
