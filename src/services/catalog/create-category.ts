import { v7 as uuidv7 } from 'uuid'
import type { CatalogDeps } from './catalog.deps.ts'
import { categoryPath } from './catalog.rules.ts'
import { type CategoryBody, type CategoryDto, toCategoryDto } from './categories.dto.ts'
import { insertCategory } from './categories.repo.ts'
import { assertNameFreeAmongSiblings, categoryConflict, getActiveParent, resolveCategorySlug } from './category-checks.ts'
import { conflictOnDuplicate } from '../../platform/db/pg-errors.ts'

/** An admin adds a category, at the root or under an active parent. */
export async function createCategory(deps: CatalogDeps, body: CategoryBody): Promise<CategoryDto> {
  const parent = body.parentId ? await getActiveParent(deps.db, body.parentId) : undefined
  await assertNameFreeAmongSiblings(deps.db, parent?.id ?? null, body.name)
  const slug = await resolveCategorySlug(deps.db, body.slug, body.name)
  const id = uuidv7()
  const row = await conflictOnDuplicate(
    () =>
      insertCategory(deps.db, {
        id,
        parentId: parent?.id ?? null,
        name: body.name,
        slug,
        position: body.position ?? 0,
        path: categoryPath(parent?.path ?? null, id),
      }),
    categoryConflict,
  )
  deps.answers.clear()
  return toCategoryDto(row)
}
