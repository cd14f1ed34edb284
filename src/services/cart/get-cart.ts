import type { CartOwner, StoredCart } from './cart-store.ts'
import type { CartDeps } from './cart.deps.ts'
import { type CartView, priceCart } from './cart.rules.ts'
import { findVariantViews } from './read-model.repo.ts'

/** The owner's cart priced now; an empty cart with a null id when there is none (nothing is created). */
export async function getCart(deps: CartDeps, owner: CartOwner): Promise<CartView> {
  return viewCart(deps, await deps.store.find(owner))
}

/** Prices a stored cart from the read model: current prices and availability. */
export async function viewCart(deps: CartDeps, cart: StoredCart | undefined): Promise<CartView> {
  const variants = await findVariantViews(deps.db, cart?.lines.map((l) => l.variantId) ?? [])
  return priceCart(cart, variants, deps.currency)
}
