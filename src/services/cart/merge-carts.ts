import { Conflict } from '../../platform/errors.ts'
import type { CartDeps } from './cart.deps.ts'
import { type CartView, lineLimit } from './cart.rules.ts'
import { viewCart } from './get-cart.ts'
import { findVariantViews } from './read-model.repo.ts'

/** A guest adding lines during the merge makes the store ask for their caps; this many rounds is plenty. */
const MERGE_ATTEMPTS = 3

/**
 * Merges a guest cart into the customer's at sign-in, atomically in the store: quantities add up,
 * each line capped at what is available now, and the guest cart is gone. A cart that no longer
 * exists (already merged, expired, never was) leaves the customer's cart as it is, so a retry is safe.
 */
export async function mergeGuestCart(deps: CartDeps, customerId: string, guestCartId: string): Promise<CartView> {
  const guest = await deps.store.find({ kind: 'guest', cartId: guestCartId })
  let variantIds = guest?.lines.map((l) => l.variantId) ?? []
  for (let attempt = 0; attempt < MERGE_ATTEMPTS; attempt++) {
    const variants = await findVariantViews(deps.db, variantIds)
    const caps = new Map(variantIds.map((id) => [id, lineLimit(variants.get(id) ?? { sellable: false, available: 0 })]))
    const outcome = await deps.store.merge(guestCartId, customerId, caps)
    if (outcome.status !== 'caps_needed') return viewCart(deps, outcome.cart)
    variantIds = [...variantIds, ...outcome.variantIds]
  }
  throw new Conflict('The guest cart kept changing while it was being merged. Try again.', 'cart_changing')
}
