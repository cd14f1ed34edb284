import { Conflict } from '../../platform/errors.ts'
import type { CatalogDeps } from './catalog.deps.ts'
import { getCategory, hasActiveChildren, updateCategory } from './categories.repo.ts'

/** An admin soft-deletes a category without active subcategories. Deleting twice changes nothing. */
export async function deleteCategory(deps: CatalogDeps, id: string): Promise<void> {
  const category = await getCategory(deps.db, id)
  if (category.deletedAt) return
  if (await hasActiveChildren(deps.db, id)) {
    throw new Conflict('The category has active subcategories: delete or move them first.', 'category_has_children')
  }
  await updateCategory(deps.db, id, { deletedAt: new Date() })
  deps.answers.clear()
}
