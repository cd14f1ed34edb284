import { Conflict, RuleViolation } from '../../platform/errors.ts'
import type { CatalogDeps } from './catalog.deps.ts'
import { categoryPath, isWithinSubtree } from './catalog.rules.ts'
import { type CategoryDto, type CategoryPatch, toCategoryDto } from './categories.dto.ts'
import { getCategory, rebaseSubtree, updateCategory } from './categories.repo.ts'
import { assertNameFreeAmongSiblings, assertSlugFree, categoryConflict, getActiveParent } from './category-checks.ts'
import { conflictOnDuplicate } from '../../platform/db/pg-errors.ts'

/**
 * An admin renames, re-slugs, re-orders or moves a category. A move carries its whole subtree
 * along; moving under itself or one of its descendants would make a cycle and is refused.
 */
export async function updateCategoryById(deps: CatalogDeps, id: string, patch: CategoryPatch): Promise<CategoryDto> {
  const current = await getCategory(deps.db, id)
  if (current.deletedAt) throw new Conflict('The category is deleted: restore it before changing it.', 'category_deleted')
  const parentId = patch.parentId === undefined ? current.parentId : patch.parentId
  const moves = parentId !== current.parentId
  let path = current.path
  if (moves) {
    const parent = parentId ? await getActiveParent(deps.db, parentId) : undefined
    if (parent && isWithinSubtree(parent.path, current.path)) {
      throw new RuleViolation('A category cannot move under itself or one of its descendants.', 'category_cycle', [
        { path: 'parentId', message: 'This is the category itself or one of its descendants.' },
      ])
    }
    path = categoryPath(parent?.path ?? null, id)
  }
  const name = patch.name ?? current.name
  if (moves || name.toLowerCase() !== current.name.toLowerCase()) await assertNameFreeAmongSiblings(deps.db, parentId, name, id)
  if (patch.slug !== undefined && patch.slug !== current.slug) await assertSlugFree(deps.db, patch.slug, id)

  const row = await conflictOnDuplicate(
    () =>
      deps.db.transaction(async (tx) => {
        await updateCategory(tx, id, {
          name,
          parentId,
          ...(patch.slug !== undefined ? { slug: patch.slug } : {}),
          ...(patch.position !== undefined ? { position: patch.position } : {}),
        })
        if (path !== current.path) await rebaseSubtree(tx, current.path, path)
        return getCategory(tx, id)
      }),
    categoryConflict,
  )
  deps.answers.clear()
  return toCategoryDto(row)
}
