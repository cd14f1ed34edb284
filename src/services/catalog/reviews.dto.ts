import { z } from 'zod'
import { ListOf } from '../../platform/pagination.ts'
import type { ReviewRow } from './catalog.tables.ts'
import { text } from './products.dto.ts'

export const ReviewBody = z.object({
  rating: z.number().int().min(1).max(5),
  title: text().trim().max(200).optional(),
  body: text().trim().max(5000).optional(),
})
export type ReviewBody = z.infer<typeof ReviewBody>

export const ReviewDto = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  rating: z.number().int(),
  title: z.string().nullable(),
  body: z.string().nullable(),
  createdAt: z.iso.datetime(),
})
export type ReviewDto = z.infer<typeof ReviewDto>
export const ReviewList = ListOf(ReviewDto)
export type ReviewList = z.infer<typeof ReviewList>

export function toReviewDto(r: ReviewRow): ReviewDto {
  return { id: r.id, productId: r.productId, rating: r.rating, title: r.title, body: r.body, createdAt: r.createdAt.toISOString() }
}
