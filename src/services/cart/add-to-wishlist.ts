import { NotFound, RuleViolation } from '../../platform/errors.ts'
import type { CartDeps } from './cart.deps.ts'
import { isProductVisible, MAX_WISHLIST_ITEMS } from './cart.rules.ts'
import { listWishlistOf } from './list-wishlist.ts'
import { findProduct } from './read-model.repo.ts'
import type { WishlistDto } from './wishlist.dto.ts'
import { countWishlist, insertWishlistItem } from './wishlist.repo.ts'

/**
 * Adds a product customers can see to the wishlist. Adding it again changes nothing (`added`
 * false). 404 for a product the catalog never announced or no longer sells; 422 when the list is full.
 */
export async function addToWishlist(deps: Pick<CartDeps, 'db'>, customerId: string, productId: string): Promise<{ added: boolean; wishlist: WishlistDto }> {
  const product = await findProduct(deps.db, productId)
  if (!product || !isProductVisible(product)) throw new NotFound('Product', 'unknown_product')
  const added = await deps.db.transaction(async (tx) => {
    const inserted = await insertWishlistItem(tx, customerId, productId)
    // Past the limit, the insert rolls back with the error.
    if (inserted && (await countWishlist(tx, customerId)) > MAX_WISHLIST_ITEMS) {
      throw new RuleViolation(`A wishlist holds at most ${MAX_WISHLIST_ITEMS} products.`, 'wishlist_full')
    }
    return inserted
  })
  return { added, wishlist: await listWishlistOf(deps, customerId, { page: 1, pageSize: MAX_WISHLIST_ITEMS }) }
}
