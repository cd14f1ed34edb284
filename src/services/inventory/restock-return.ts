import { inventoryRestocked } from '../../contracts/inventory.messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import type { InventoryDeps } from './inventory.deps.ts'
import { capRestock, type Line } from './inventory.rules.ts'
import { findLinesOf, lockReservation } from './reservations.repo.ts'
import { findRestock, findRestockedLines, insertRestock } from './restocks.repo.ts'
import { applyStockChanges } from './stock-changes.ts'
import { lockLevels } from './stock.repo.ts'

/**
 * Puts returned units of a sold order back on hand (`restocked` movements). Only what the order
 * bought, less earlier returns, goes back; an order whose stock was never sold, or was already
 * restocked by a cancel, restocks nothing. A replayed return answers what it did the first time.
 */
export async function restockReturn(
  deps: InventoryDeps,
  tx: Tx,
  command: { orderId: string; returnId: string; lines: Line[] },
): Promise<void> {
  const { orderId, returnId } = command
  const reservation = await lockReservation(tx, orderId)
  const done = await findRestock(tx, returnId)
  if (done) {
    await deps.outbox.add(tx, inventoryRestocked({ orderId: done.orderId, returnId, lines: done.lines }))
    return
  }

  const sold = reservation?.status === 'committed' ? await findLinesOf(tx, orderId) : []
  const lines = capRestock(sold, await findRestockedLines(tx, orderId), command.lines)
  if (lines.length < command.lines.length) {
    deps.log.warn({ orderId, returnId, requested: command.lines, restocked: lines }, 'restock capped at what the order bought')
  }
  if (lines.length > 0) {
    const locked = await lockLevels(tx, lines.map((l) => l.sku))
    await applyStockChanges(
      deps,
      tx,
      locked,
      lines.map((l) => ({ sku: l.sku, delta: l.quantity, reservedDelta: 0, reason: 'restocked' as const, orderId })),
    )
  }
  await insertRestock(tx, { returnId, orderId, lines })
  await deps.outbox.add(tx, inventoryRestocked({ orderId, returnId, lines }))
}
