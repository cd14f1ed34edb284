import { and, asc, eq, isNull, like, ne, or, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../platform/db/db.ts'
import { NotFound } from '../../platform/errors.ts'
import { type CategoryRow, categories } from './catalog.tables.ts'

export type NewCategory = typeof categories.$inferInsert

/** Categories in display order: position, then name. */
export async function listCategories(db: DbOrTx, options: { includeDeleted: boolean }): Promise<CategoryRow[]> {
  return db
    .select()
    .from(categories)
    .where(options.includeDeleted ? undefined : isNull(categories.deletedAt))
    .orderBy(asc(categories.position), asc(sql`lower(${categories.name}) COLLATE "C"`), asc(categories.id))
}

export async function findCategory(db: DbOrTx, id: string): Promise<CategoryRow | undefined> {
  const [row] = await db.select().from(categories).where(eq(categories.id, id))
  return row
}

export async function getCategory(db: DbOrTx, id: string): Promise<CategoryRow> {
  const row = await findCategory(db, id)
  if (!row) throw new NotFound('Category')
  return row
}

export async function findActiveCategoryBySlug(db: DbOrTx, slug: string): Promise<CategoryRow | undefined> {
  const [row] = await db
    .select()
    .from(categories)
    .where(and(eq(categories.slug, slug), isNull(categories.deletedAt)))
  return row
}

/** Active slugs equal to `base` or `base-…`: what a derived slug must avoid. */
export async function activeSlugsLike(db: DbOrTx, base: string): Promise<Set<string>> {
  const rows = await db
    .select({ slug: categories.slug })
    .from(categories)
    .where(and(isNull(categories.deletedAt), or(eq(categories.slug, base), like(categories.slug, `${base}-%`))))
  return new Set(rows.map((r) => r.slug))
}

/** An active category under the same parent already has this name (case-insensitive). */
export async function siblingNameTaken(db: DbOrTx, parentId: string | null, name: string, exceptId?: string): Promise<boolean> {
  const rows = await db
    .select({ id: categories.id })
    .from(categories)
    .where(
      and(
        isNull(categories.deletedAt),
        parentId ? eq(categories.parentId, parentId) : isNull(categories.parentId),
        sql`lower(${categories.name}) = lower(${name})`,
        exceptId ? ne(categories.id, exceptId) : undefined,
      ),
    )
    .limit(1)
  return rows.length > 0
}

export async function activeSlugTaken(db: DbOrTx, slug: string, exceptId?: string): Promise<boolean> {
  const rows = await db
    .select({ id: categories.id })
    .from(categories)
    .where(and(isNull(categories.deletedAt), eq(categories.slug, slug), exceptId ? ne(categories.id, exceptId) : undefined))
    .limit(1)
  return rows.length > 0
}

export async function hasActiveChildren(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.parentId, id), isNull(categories.deletedAt)))
    .limit(1)
  return rows.length > 0
}

export async function insertCategory(tx: DbOrTx, row: NewCategory): Promise<CategoryRow> {
  const [created] = await tx.insert(categories).values(row).returning()
  return created as CategoryRow
}

export type CategoryChanges = Partial<Pick<CategoryRow, 'name' | 'slug' | 'parentId' | 'position' | 'path' | 'deletedAt'>>

export async function updateCategory(tx: DbOrTx, id: string, changes: CategoryChanges): Promise<CategoryRow> {
  const [row] = await tx
    .update(categories)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(categories.id, id))
    .returning()
  if (!row) throw new NotFound('Category')
  return row
}

/** Moves a subtree: every path under `oldPath` (the category's own included) gets `newPath` as its prefix. */
export async function rebaseSubtree(tx: DbOrTx, oldPath: string, newPath: string): Promise<void> {
  await tx
    .update(categories)
    .set({ path: sql`${newPath} || substr(${categories.path}, ${oldPath.length + 1})` })
    .where(like(categories.path, `${oldPath}%`))
}
