import { z } from 'zod'
import { Money } from '../../contracts/money.ts'
import { ListOf, PageQuery } from '../../platform/pagination.ts'
import { ProductDto, ProductStatus, text } from './products.dto.ts'

const MAX_PRICE = 100_000_000_00
const Flag = z.enum(['true', 'false'])
const Price = z.coerce.number().int().min(0).max(MAX_PRICE)

export const SORTS = ['relevance', 'price_asc', 'price_desc', 'newest'] as const
export type Sort = (typeof SORTS)[number]

export const SearchQuery = PageQuery.extend({
  q: text().trim().max(200).optional().describe('Full-text search with typo tolerance'),
  category: text().trim().min(1).max(200).optional().describe('A category id or slug; its descendants are included'),
  brand: text().trim().min(1).max(100).optional().describe('Exact brand, case-insensitive'),
  minPrice: Price.optional().describe('In minor units: a product matches when one of its variants costs at least this'),
  maxPrice: Price.optional().describe('In minor units: a product matches when one of its variants costs at most this'),
  inStock: Flag.optional().describe('true: only products with a variant in stock'),
  sort: z.enum(SORTS).default('relevance'),
  status: ProductStatus.optional().describe('Admins only'),
  includeDeleted: Flag.optional().describe('Admins only'),
}).refine((q) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice, {
  path: ['minPrice'],
  message: 'minPrice must not be above maxPrice',
})
export type SearchQuery = z.infer<typeof SearchQuery>

export const Facets = z.object({
  categories: z.array(z.object({ id: z.uuid(), name: z.string(), count: z.number().int() })),
  brands: z.array(z.object({ name: z.string(), count: z.number().int() })),
  price: z.object({ min: Money, max: Money }).nullable(),
})
export type Facets = z.infer<typeof Facets>

export const SearchAnswer = ListOf(ProductDto).extend({
  facets: Facets,
  correctedQuery: z.string().optional().describe('Present when misspelt words were corrected to find these results'),
})
export type SearchAnswer = z.infer<typeof SearchAnswer>
