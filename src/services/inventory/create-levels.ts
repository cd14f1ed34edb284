import { PoisonMessage } from '../../platform/bus/transport.ts'
import type { Tx } from '../../platform/db/db.ts'
import type { InventoryDeps } from './inventory.deps.ts'
import { compareSkus, isStorableQuantity } from './inventory.rules.ts'
import { announceLevel } from './stock-changes.ts'
import { insertLevelIfAbsent, insertMovements } from './stock.repo.ts'

export interface NewVariantStock {
  sku: string
  initialStock?: number | undefined
}

/**
 * Gives each sku that has no stock level one, with the default low-stock threshold. Opening
 * stock is received once, as an `initial` movement, only when the level is created: a replayed
 * or later product event never adds it again. Returns the skus it created.
 */
export async function createLevels(deps: InventoryDeps, tx: Tx, variants: readonly NewVariantStock[]): Promise<string[]> {
  const bySku = new Map<string, number>()
  for (const v of variants) {
    const initial = v.initialStock ?? 0
    if (!isStorableQuantity(initial)) throw new PoisonMessage(`initialStock ${initial} of sku ${v.sku} does not fit a stock level`)
    if (!bySku.has(v.sku)) bySku.set(v.sku, initial)
  }
  const created: string[] = []
  // A fixed order: two product events inserting the same skus at once queue instead of deadlocking.
  for (const [sku, initial] of [...bySku.entries()].sort(([a], [b]) => compareSkus(a, b))) {
    const level = await insertLevelIfAbsent(tx, { sku, onHand: initial, lowStockThreshold: deps.settings.lowStockThreshold })
    if (!level) continue
    if (initial > 0) await insertMovements(tx, [{ sku, delta: initial, reservedDelta: 0, reason: 'initial' }])
    await announceLevel(deps, tx, level)
    created.push(sku)
  }
  return created
}
