import type { CartOwner } from './cart-store.ts'
import type { CartDeps } from './cart.deps.ts'
import type { CartView } from './cart.rules.ts'
import { viewCart } from './get-cart.ts'

/** Removes a line; removing one that is not there changes nothing and answers the cart as it is. */
export async function removeItem(deps: CartDeps, owner: CartOwner, variantId: string): Promise<CartView> {
  return viewCart(deps, await deps.store.removeLine(owner, variantId))
}
