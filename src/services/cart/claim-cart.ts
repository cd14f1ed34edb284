import { Conflict, RuleViolation } from '../../platform/errors.ts'
import type { CartOwner } from './cart-store.ts'
import type { CartDeps } from './cart.deps.ts'
import type { CartView } from './cart.rules.ts'
import { viewCart } from './get-cart.ts'

/**
 * A checkout takes the cart for the order it will place, priced now: while that order is being
 * settled no other checkout starts from this cart (409 checkout_in_progress, whatever its
 * Idempotency-Key), so one cart checkout authorizes one payment. The same order may claim again
 * (a retried placement). An empty cart is 422.
 */
export async function claimCart(deps: CartDeps, owner: CartOwner, orderId: string): Promise<CartView> {
  const outcome = await deps.store.claim(owner, orderId, deps.checkoutHoldMs)
  if (outcome.status === 'held') {
    throw new Conflict('An order from this cart is already being placed. Wait for it to be confirmed or cancelled.', 'checkout_in_progress')
  }
  if (outcome.status === 'empty') throw new RuleViolation('Your cart is empty.', 'cart_empty')
  return viewCart(deps, outcome.cart)
}

/** The checkout ended without an order (it was refused before one was written): the cart is free again. */
export async function releaseCart(deps: CartDeps, owner: CartOwner, orderId: string): Promise<void> {
  await deps.store.release(owner, orderId)
}
