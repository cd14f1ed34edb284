import { inventoryReleased } from '../../contracts/inventory.messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import type { InventoryDeps } from './inventory.deps.ts'
import { decideRelease } from './inventory.rules.ts'
import { findLinesOf, lockReservation, setReservationStatus } from './reservations.repo.ts'
import { applyStockChanges } from './stock-changes.ts'
import { lockLevels } from './stock.repo.ts'

/**
 * Gives the order's stock back. Reserved stock becomes available again (`released`); stock
 * already sold goes back on hand (`restocked`). A reservation given back before (released, or
 * expired by the sweeper) changes nothing and answers `released` again, so a retrying saga gets
 * its answer; an order that never held stock gets no answer.
 */
export async function releaseReservation(deps: InventoryDeps, tx: Tx, command: { orderId: string; reason: string }): Promise<void> {
  const { orderId, reason } = command
  const reservation = await lockReservation(tx, orderId)
  const decision = decideRelease(reservation?.status)
  if (!reservation || decision.kind === 'nothing') return

  const lines = await findLinesOf(tx, orderId)
  if (decision.kind === 'answer') {
    const recordedReason = reservation.releaseReason ?? (reservation.status === 'expired' ? 'expired' : reason)
    await deps.outbox.add(tx, inventoryReleased({ orderId, lines, reason: recordedReason, restocked: reservation.restocked }))
    return
  }

  const restocked = decision.kind === 'restock'
  const locked = await lockLevels(tx, lines.map((l) => l.sku))
  await applyStockChanges(
    deps,
    tx,
    locked,
    lines.map((l) =>
      restocked
        ? { sku: l.sku, delta: l.quantity, reservedDelta: 0, reason: 'restocked' as const, orderId }
        : { sku: l.sku, delta: 0, reservedDelta: -l.quantity, reason: 'released' as const, orderId },
    ),
  )
  await setReservationStatus(tx, orderId, 'released', { releaseReason: reason, restocked })
  await deps.outbox.add(tx, inventoryReleased({ orderId, lines, reason, restocked }))
}
