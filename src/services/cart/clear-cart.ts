import type { CartOwner } from './cart-store.ts'
import type { CartDeps } from './cart.deps.ts'

/** Forgets the whole cart; a guest's next add starts a new one. */
export async function clearCart(deps: CartDeps, owner: CartOwner): Promise<void> {
  await deps.store.delete(owner)
}
