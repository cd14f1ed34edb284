import { NotFound } from '../../platform/errors.ts'
import type { CartOwner, VariantQuantity } from './cart-store.ts'
import type { CartDeps } from './cart.deps.ts'
import { availableNow, type CartView, lineLimit, refusedAddError } from './cart.rules.ts'
import { viewCart } from './get-cart.ts'
import { findVariantView } from './read-model.repo.ts'

/**
 * Adds units of a variant, merging with its line. The store checks the resulting quantity against
 * what is available (and the per-line cap) atomically, so two adds at once cannot pass it together.
 * A guest without a live cart gets a new one.
 */
export async function addItem(deps: CartDeps, owner: CartOwner, item: VariantQuantity): Promise<CartView> {
  const variant = await findVariantView(deps.db, item.variantId)
  if (!variant?.sellable) throw new NotFound('Variant', 'unknown_variant')
  const outcome = await deps.store.addLine(owner, { ...item, limit: lineLimit(variant) })
  if (!outcome.ok) throw refusedAddError({ current: outcome.current, quantity: item.quantity, available: availableNow(variant) })
  return viewCart(deps, outcome.cart)
}
