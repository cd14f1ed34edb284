import { Conflict } from '../../platform/errors.ts'
import type { CatalogDeps } from './catalog.deps.ts'
import { type CategoryDto, toCategoryDto } from './categories.dto.ts'
import { findCategory, getCategory, updateCategory } from './categories.repo.ts'
import { assertNameFreeAmongSiblings, assertSlugFree, categoryConflict } from './category-checks.ts'
import { conflictOnDuplicate } from '../../platform/db/pg-errors.ts'

/** An admin brings back a deleted category, unless its parent is deleted or its name or slug is now taken (409). */
export async function restoreCategory(deps: CatalogDeps, id: string): Promise<CategoryDto> {
  const category = await getCategory(deps.db, id)
  if (!category.deletedAt) return toCategoryDto(category)
  if (category.parentId) {
    const parent = await findCategory(deps.db, category.parentId)
    if (!parent || parent.deletedAt) throw new Conflict('The parent category is deleted: restore it first.', 'parent_deleted')
  }
  await assertNameFreeAmongSiblings(deps.db, category.parentId, category.name, id)
  await assertSlugFree(deps.db, category.slug, id)
  const row = await conflictOnDuplicate(() => updateCategory(deps.db, id, { deletedAt: null }), categoryConflict)
  deps.answers.clear()
  return toCategoryDto(row)
}
