import type { InventoryDeps } from './inventory.deps.ts'
import type { AvailabilityDto } from './inventory.dto.ts'
import { availableOf } from './inventory.rules.ts'
import { getLevel } from './stock.repo.ts'

/** What can still be bought of a sku; NotFound for a sku inventory does not know. */
export async function getAvailability(deps: InventoryDeps, sku: string): Promise<AvailabilityDto> {
  const level = await getLevel(deps.db, sku)
  return { sku: level.sku, available: availableOf(level) }
}
