import type { CartDeps } from './cart.deps.ts'
import { deleteWishlistItem } from './wishlist.repo.ts'

/** Takes a product off the wishlist; one that was not on it is fine. */
export async function removeFromWishlist(deps: Pick<CartDeps, 'db'>, customerId: string, productId: string): Promise<void> {
  await deleteWishlistItem(deps.db, customerId, productId)
}
