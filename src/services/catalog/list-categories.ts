import type { CatalogDeps } from './catalog.deps.ts'
import { buildCategoryTree } from './catalog.rules.ts'
import type { CategoryNode } from './categories.dto.ts'
import { listCategories } from './categories.repo.ts'

/** The category tree: active categories, or every one for an admin who asks. */
export async function listCategoryTree(deps: CatalogDeps, options: { includeDeleted: boolean }): Promise<CategoryNode[]> {
  return buildCategoryTree(await listCategories(deps.db, options))
}
