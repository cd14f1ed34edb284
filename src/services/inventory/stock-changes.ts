import { inventoryChanged, inventoryLowStock } from '../../contracts/inventory.messages.ts'
import type { DbOrTx } from '../../platform/db/db.ts'
import type { InventoryDeps } from './inventory.deps.ts'
import { availableOf, crossedIntoLowStock } from './inventory.rules.ts'
import type { LevelRow } from './inventory.tables.ts'
import { insertMovements, moveLevel, type NewMovement } from './stock.repo.ts'

/**
 * The one way stock changes: for each change, the level moves (its version grows) and the
 * ledger gains a row; then each touched sku announces its new figures once, and `low_stock`
 * when its available stock has just crossed down to its threshold. `locked` are the levels as
 * the caller locked them (FOR UPDATE), before any change. Returns the levels after, by sku.
 */
export async function applyStockChanges(
  deps: Pick<InventoryDeps, 'outbox'>,
  tx: DbOrTx,
  locked: readonly LevelRow[],
  changes: readonly NewMovement[],
): Promise<Map<string, LevelRow>> {
  const after = new Map<string, LevelRow>()
  for (const change of changes) {
    after.set(change.sku, await moveLevel(tx, change.sku, change.delta, change.reservedDelta))
  }
  await insertMovements(tx, changes)
  const before = new Map(locked.map((l) => [l.sku, l]))
  for (const level of after.values()) {
    await announceLevel(deps, tx, level)
    const was = before.get(level.sku)
    if (was && crossedIntoLowStock(was, level)) await announceLowStock(deps, tx, level)
  }
  return after
}

export async function announceLevel(deps: Pick<InventoryDeps, 'outbox'>, tx: DbOrTx, level: LevelRow): Promise<void> {
  await deps.outbox.add(
    tx,
    inventoryChanged({ sku: level.sku, onHand: level.onHand, reserved: level.reserved, available: availableOf(level), version: level.version }),
  )
}

export async function announceLowStock(deps: Pick<InventoryDeps, 'outbox'>, tx: DbOrTx, level: LevelRow): Promise<void> {
  await deps.outbox.add(tx, inventoryLowStock({ sku: level.sku, available: availableOf(level), threshold: level.lowStockThreshold }))
}
