import { type PageQuery, pageOf } from '../../platform/pagination.ts'
import type { InventoryDeps } from './inventory.deps.ts'
import { type MovementDto, toMovementDto } from './inventory.dto.ts'
import { getLevel, listMovements } from './stock.repo.ts'

/** A sku's ledger, newest first; NotFound for a sku inventory does not know. */
export async function listMovementsForAdmin(
  deps: InventoryDeps,
  sku: string,
  query: PageQuery,
): Promise<{ items: MovementDto[]; total: number; page: number; pageSize: number }> {
  await getLevel(deps.db, sku)
  const page = pageOf(query)
  const { rows, total } = await listMovements(deps.db, sku, page)
  return { items: rows.map(toMovementDto), total, page: page.page, pageSize: page.pageSize }
}
