import { z } from 'zod'
import { ListOf } from '../../platform/pagination.ts'
import { MoneyDto } from './cart.dto.ts'
import { isProductVisible } from './cart.rules.ts'
import type { WishlistRow } from './wishlist.repo.ts'

export const WishlistItemDto = z.object({
  productId: z.uuid(),
  name: z.string(),
  slug: z.string(),
  addedAt: z.iso.datetime(),
  active: z.boolean().describe('False once the product is no longer sold (archived, a draft again, or deleted); it stays listed'),
  priceFrom: MoneyDto.nullable().describe("The lowest price among the product's variants"),
})
export type WishlistItemDto = z.infer<typeof WishlistItemDto>

export const WishlistDto = ListOf(WishlistItemDto)
export type WishlistDto = z.infer<typeof WishlistDto>

export const WishlistBody = z.object({ productId: z.uuid() })

export const WishlistParams = z.object({ productId: z.uuid() })

export function toWishlistItemDto(row: WishlistRow): WishlistItemDto {
  return {
    productId: row.productId,
    name: row.name,
    slug: row.slug,
    addedAt: row.addedAt.toISOString(),
    active: isProductVisible(row),
    priceFrom: row.priceFromMinor === null || row.currency === null ? null : { amount: row.priceFromMinor, currency: row.currency },
  }
}
