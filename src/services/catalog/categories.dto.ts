import { z } from 'zod'
import type { CategoryRow } from './catalog.tables.ts'
import { Slug, text } from './products.dto.ts'

const Name = text().trim().min(1).max(100)
const Position = z.number().int().min(0).max(1_000_000)

export const CategoryBody = z.object({
  name: Name,
  parentId: z.uuid().nullable().optional().describe('Absent or null: a root category'),
  slug: Slug.optional().describe('Derived from the name when absent'),
  position: Position.optional(),
})
export type CategoryBody = z.infer<typeof CategoryBody>

export const CategoryPatch = z.object({
  name: Name.optional(),
  slug: Slug.optional(),
  parentId: z.uuid().nullable().optional().describe('Moves the category; null makes it a root'),
  position: Position.optional(),
})
export type CategoryPatch = z.infer<typeof CategoryPatch>

const categoryFields = {
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  parentId: z.uuid().nullable(),
  position: z.number().int(),
  deletedAt: z.iso.datetime().nullable(),
}

export const CategoryDto = z.object({ ...categoryFields, createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() })
export type CategoryDto = z.infer<typeof CategoryDto>

/** A tree node; `children` holds nodes of the same shape (described flat: OpenAPI gets no recursive schema). */
export const CategoryNode = z.object({
  ...categoryFields,
  children: z.array(z.looseObject({}).describe('A child category, the same shape as its parent')),
})
export interface CategoryNode {
  id: string
  name: string
  slug: string
  parentId: string | null
  position: number
  deletedAt: string | null
  children: CategoryNode[]
}

export const CategoryQuery = z.object({
  includeDeleted: z.enum(['true', 'false']).optional().describe('Admins only: deleted categories too'),
})
export const CategoryParams = z.object({ id: z.uuid() })

export function toCategoryDto(c: CategoryRow): CategoryDto {
  return {
    id: c.id,
    name: c.name,
    slug: c.slug,
    parentId: c.parentId,
    position: c.position,
    deletedAt: c.deletedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  }
}
