import type { InventoryDeps } from './inventory.deps.ts'
import { type LevelDto, toLevelDto } from './inventory.dto.ts'
import { crossedIntoLowStock } from './inventory.rules.ts'
import { announceLowStock } from './stock-changes.ts'
import { lockLevel, setThreshold } from './stock.repo.ts'

/** An admin sets the level below which a sku counts as low on stock; raising it over the available stock raises the alert. */
export async function setLowStockThreshold(deps: InventoryDeps, sku: string, lowStockThreshold: number): Promise<LevelDto> {
  const level = await deps.db.transaction(async (tx) => {
    const before = await lockLevel(tx, sku)
    const after = await setThreshold(tx, sku, lowStockThreshold)
    if (crossedIntoLowStock(before, after)) await announceLowStock(deps, tx, after)
    return after
  })
  return toLevelDto(level)
}
