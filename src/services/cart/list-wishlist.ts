import { pageOf, type PageQuery } from '../../platform/pagination.ts'
import type { CartDeps } from './cart.deps.ts'
import { toWishlistItemDto, type WishlistDto } from './wishlist.dto.ts'
import { listWishlist } from './wishlist.repo.ts'

/** The customer's wishlist, newest first. */
export async function listWishlistOf(deps: Pick<CartDeps, 'db'>, customerId: string, query: PageQuery): Promise<WishlistDto> {
  const page = pageOf(query)
  const { rows, total } = await listWishlist(deps.db, customerId, page)
  return { items: rows.map(toWishlistItemDto), total, page: page.page, pageSize: page.pageSize }
}
