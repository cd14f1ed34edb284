import { inventoryCommitFailed, inventoryCommitted } from '../../contracts/inventory.messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import type { InventoryDeps } from './inventory.deps.ts'
import { decideCommit } from './inventory.rules.ts'
import { findLinesOf, lockReservation, setReservationStatus } from './reservations.repo.ts'
import { applyStockChanges } from './stock-changes.ts'
import { lockLevels } from './stock.repo.ts'
import { expireReservations } from './sweep-expired.ts'

/**
 * Turns the order's reservation into a sale: on hand and reserved both fall by each line (a
 * `sold` movement). Committing twice answers `committed` again; a reservation that was
 * released, has expired (even if the sweeper has not come by yet) or never existed answers
 * `commit_failed` with the reason.
 */
export async function commitReservation(deps: InventoryDeps, tx: Tx, orderId: string): Promise<void> {
  const reservation = await lockReservation(tx, orderId)
  const decision = decideCommit(reservation?.status, reservation?.pastExpiry ?? false)
  switch (decision.kind) {
    case 'commit': {
      const lines = await findLinesOf(tx, orderId)
      const locked = await lockLevels(tx, lines.map((l) => l.sku))
      await applyStockChanges(
        deps,
        tx,
        locked,
        lines.map((l) => ({ sku: l.sku, delta: -l.quantity, reservedDelta: -l.quantity, reason: 'sold' as const, orderId })),
      )
      await setReservationStatus(tx, orderId, 'committed')
      await deps.outbox.add(tx, inventoryCommitted({ orderId, lines }))
      return
    }
    case 'answer':
      await deps.outbox.add(tx, inventoryCommitted({ orderId, lines: await findLinesOf(tx, orderId) }))
      return
    case 'expire':
      if (reservation) await expireReservations(deps, tx, [reservation])
      await deps.outbox.add(tx, inventoryCommitFailed({ orderId, reason: 'expired' }))
      return
    case 'fail':
      await deps.outbox.add(tx, inventoryCommitFailed({ orderId, reason: decision.reason }))
      return
  }
}
