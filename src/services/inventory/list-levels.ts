import { type PageQuery, pageOf } from '../../platform/pagination.ts'
import type { InventoryDeps } from './inventory.deps.ts'
import { type LevelDto, toLevelDto } from './inventory.dto.ts'
import { listLevels } from './stock.repo.ts'

/** Admins browse stock levels by sku, optionally only the low ones or those starting with a prefix. */
export async function listLevelsForAdmin(
  deps: InventoryDeps,
  query: PageQuery & { lowStock?: 'true' | 'false' | undefined; q?: string | undefined },
): Promise<{ items: LevelDto[]; total: number; page: number; pageSize: number }> {
  const page = pageOf(query)
  const { rows, total } = await listLevels(deps.db, {
    lowStock: query.lowStock === 'true',
    prefix: query.q || undefined,
    limit: page.limit,
    offset: page.offset,
  })
  return { items: rows.map(toLevelDto), total, page: page.page, pageSize: page.pageSize }
}
