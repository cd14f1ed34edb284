import type { DbOrTx } from '../../platform/db/db.ts'
import { Conflict, RuleViolation } from '../../platform/errors.ts'
import { nextFreeSlug, slugify } from './catalog.rules.ts'
import type { CategoryRow } from './catalog.tables.ts'
import { activeSlugsLike, activeSlugTaken, findCategory, siblingNameTaken } from './categories.repo.ts'

/** The parent a category goes under: it must exist and not be deleted (422 otherwise). */
export async function getActiveParent(db: DbOrTx, parentId: string): Promise<CategoryRow> {
  const parent = await findCategory(db, parentId)
  if (!parent || parent.deletedAt) {
    throw new RuleViolation('The parent category does not exist.', 'unknown_parent', [{ path: 'parentId', message: 'No active category has this id.' }])
  }
  return parent
}

/** Names are unique among active siblings, case-insensitively (409). */
export async function assertNameFreeAmongSiblings(db: DbOrTx, parentId: string | null, name: string, exceptId?: string): Promise<void> {
  if (await siblingNameTaken(db, parentId, name, exceptId)) {
    throw new Conflict(`Another category here is already called "${name}".`, 'name_taken')
  }
}

/** Slugs are unique among active categories (409). */
export async function assertSlugFree(db: DbOrTx, slug: string, exceptId?: string): Promise<void> {
  if (await activeSlugTaken(db, slug, exceptId)) throw new Conflict(`Another category has the slug "${slug}".`, 'slug_taken')
}

/** The given slug if free, else one derived from the name, suffixed until free. */
export async function resolveCategorySlug(db: DbOrTx, given: string | undefined, name: string): Promise<string> {
  if (given) {
    await assertSlugFree(db, given)
    return given
  }
  const base = slugify(name) || 'category'
  return nextFreeSlug(base, await activeSlugsLike(db, base))
}

/** A unique violation raced past the checks above: the same 409 they give. */
export function categoryConflict(constraint: string): Conflict {
  if (constraint === 'categories_active_slug_idx') return new Conflict('Another category has this slug.', 'slug_taken')
  if (constraint === 'categories_active_sibling_name_idx') return new Conflict('Another category here has this name.', 'name_taken')
  return new Conflict('Another category has this name or slug.')
}
