import type { AuthUser } from '../../platform/auth.ts'
import type { InventoryDeps } from './inventory.deps.ts'
import { type AdjustmentBody, type LevelDto, toLevelDto } from './inventory.dto.ts'
import { assertAdjustable } from './inventory.rules.ts'
import { applyStockChanges } from './stock-changes.ts'
import { lockLevel } from './stock.repo.ts'

/**
 * An admin counts stock in or out (received, correction, damaged). On hand may not fall below
 * what is reserved for orders: 409. The movement records who made it.
 */
export async function adjustStock(deps: InventoryDeps, admin: AuthUser, sku: string, body: AdjustmentBody): Promise<LevelDto> {
  const level = await deps.db.transaction(async (tx) => {
    const locked = await lockLevel(tx, sku)
    assertAdjustable(locked, body.delta)
    const after = await applyStockChanges(deps, tx, [locked], [
      { sku, delta: body.delta, reservedDelta: 0, reason: body.reason, note: body.note || null, actorId: admin.id },
    ])
    return after.get(sku) ?? locked
  })
  return toLevelDto(level)
}
