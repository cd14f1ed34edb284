import { inventoryReleased } from '../../contracts/inventory.messages.ts'
import type { DbOrTx } from '../../platform/db/db.ts'
import type { InventoryDeps } from './inventory.deps.ts'
import type { ReservationRow } from './inventory.tables.ts'
import { claimExpired, findLines, setReservationStatus } from './reservations.repo.ts'
import { applyStockChanges } from './stock-changes.ts'
import { lockLevels } from './stock.repo.ts'
import { startPeriodicJob } from '../../platform/jobs.ts'

/** How many expired reservations one sweep transaction takes. */
export const SWEEP_BATCH_SIZE = 100

/**
 * Releases every reservation whose time has run out, even if the order service is down: its
 * reserved stock becomes available again (`expired` movements) and `inventory.released` says so
 * with reason `expired`. Batches are claimed with FOR UPDATE SKIP LOCKED, so replicas sweeping at
 * once share the work. Returns how many reservations it expired.
 */
export async function sweepExpired(deps: InventoryDeps, batchSize = SWEEP_BATCH_SIZE): Promise<number> {
  let total = 0
  for (;;) {
    const expired = await deps.db.transaction(async (tx) => {
      const claimed = await claimExpired(tx, batchSize)
      await expireReservations(deps, tx, claimed)
      return claimed.length
    })
    total += expired
    if (expired < batchSize) return total
  }
}

/**
 * Expires reservations the caller has locked, all status `reserved`. The levels of all of them are
 * locked together, in sku order, before any changes, so a sweep never deadlocks with a reserve.
 */
export async function expireReservations(deps: InventoryDeps, tx: DbOrTx, expired: readonly ReservationRow[]): Promise<void> {
  if (expired.length === 0) return
  const linesByOrder = await findLines(tx, expired.map((r) => r.orderId))
  const skus = new Set([...linesByOrder.values()].flatMap((lines) => lines.map((l) => l.sku)))
  const locked = await lockLevels(tx, [...skus])
  const changes = expired.flatMap((r) =>
    (linesByOrder.get(r.orderId) ?? []).map((l) => ({ sku: l.sku, delta: 0, reservedDelta: -l.quantity, reason: 'expired' as const, orderId: r.orderId })),
  )
  await applyStockChanges(deps, tx, locked, changes)
  for (const r of expired) {
    await setReservationStatus(tx, r.orderId, 'expired', { releaseReason: 'expired' })
    const lines = linesByOrder.get(r.orderId) ?? []
    await deps.outbox.add(tx, inventoryReleased({ orderId: r.orderId, lines, reason: 'expired', restocked: false }), {
      ...(r.correlationId ? { correlationId: r.correlationId } : {}),
    })
  }
}

/** Sweeps every `intervalMs` until the returned function is called (it waits for a sweep in progress). */
export function startSweeper(deps: InventoryDeps, intervalMs: number): () => Promise<void> {
  return startPeriodicJob(deps.log, { name: 'reservation sweep', intervalMs, done: 'released expired reservations', work: () => sweepExpired(deps) })
}
