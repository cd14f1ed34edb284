import { z } from 'zod'

/** `?page=&pageSize=` as API.md fixes them: page from 1, pageSize at most 100. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
})
export type PageQuery = z.infer<typeof PageQuery>

export function pageOf(q: PageQuery): { page: number; pageSize: number; limit: number; offset: number } {
  return { page: q.page, pageSize: q.pageSize, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }
}

/** The list envelope every list endpoint answers with. */
export function ListOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
}
