import { NotFound } from '../../platform/errors.ts'
import type { CartOwner, VariantQuantity } from './cart-store.ts'
import type { CartDeps } from './cart.deps.ts'
import { assertQuantityAvailable, availableNow, type CartView } from './cart.rules.ts'
import { viewCart } from './get-cart.ts'
import { findVariantView } from './read-model.repo.ts'

/** Sets a line's quantity; 0 removes it. 404 when the cart has no such line, 409 above what is available. */
export async function updateItem(deps: CartDeps, owner: CartOwner, line: VariantQuantity): Promise<CartView> {
  const current = await deps.store.find(owner)
  if (!current?.lines.some((l) => l.variantId === line.variantId)) throw new NotFound('Cart line', 'line_not_in_cart')
  if (line.quantity > 0) {
    const variant = await findVariantView(deps.db, line.variantId)
    assertQuantityAvailable(line.quantity, variant ? availableNow(variant) : 0)
  }
  const cart = await deps.store.setLine(owner, line)
  if (!cart) throw new NotFound('Cart line', 'line_not_in_cart')
  return viewCart(deps, cart)
}
