import { AppError, BadRequest } from '../../platform/errors.ts'
import type { StoredCart, VariantQuantity } from './cart-store.ts'

/** No line holds more than this many units. */
export const MAX_LINE_QUANTITY = 999

/** A variant as the cart sees it now: the latest catalog snapshot and inventory figure. */
export interface VariantView {
  variantId: string
  productId: string
  productName: string
  slug: string
  title: string
  sku: string
  priceMinor: number
  currency: string
  weightGrams: number
  /** Its product is active and not deleted, and the latest snapshot still lists the variant. */
  sellable: boolean
  /** Units inventory last said can be bought (0 for an unknown sku). */
  available: number
}

export interface MoneyView {
  amount: number
  currency: string
}

export interface CartItemView {
  variantId: string
  productId: string
  sku: string
  name: string
  title: string
  slug: string
  unitPrice: MoneyView
  quantity: number
  lineTotal: MoneyView
  available: number
  weightGrams: number
  sellable: boolean
}

export interface CartView {
  id: string | null
  items: CartItemView[]
  subtotal: MoneyView
  itemCount: number
  currency: string
  updatedAt: string | null
  expiresAt: string | null
  /** The order whose checkout holds the cart: no other checkout starts from it meanwhile. */
  checkout: { orderId: string; until: string } | null
}

/** What a customer can still buy of a variant: nothing once it is no longer sold. */
export function availableNow(variant: Pick<VariantView, 'sellable' | 'available'>): number {
  return variant.sellable ? Math.max(0, variant.available) : 0
}

/** The most a line of this variant may hold. */
export function lineLimit(variant: Pick<VariantView, 'sellable' | 'available'>): number {
  return Math.min(availableNow(variant), MAX_LINE_QUANTITY)
}

/**
 * Why an add was refused: 409 when there is not enough stock (the detail says how much there is),
 * 400 when the stock is there but the line would pass the per-line cap.
 */
export function refusedAddError(refused: { current: number; quantity: number; available: number }): AppError {
  const wanted = refused.current + refused.quantity
  if (wanted > refused.available) {
    const inCart = refused.current > 0 ? `; the cart already holds ${refused.current}` : ''
    return new AppError(409, 'insufficient_stock', 'Conflict', `Only ${refused.available} available${inCart}.`, undefined, {
      available: refused.available,
      inCart: refused.current,
    })
  }
  return new BadRequest(`A line holds at most ${MAX_LINE_QUANTITY} units; the cart already holds ${refused.current}.`, [
    { path: 'quantity', message: `The line would hold ${wanted}, more than ${MAX_LINE_QUANTITY}` },
  ], 'line_quantity_too_large')
}

/** 409 when a line is set above what is available. */
export function assertQuantityAvailable(quantity: number, available: number): void {
  if (quantity > available) {
    throw new AppError(409, 'insufficient_stock', 'Conflict', `Only ${available} available.`, undefined, { available })
  }
}

/** A guest line landing in the customer's cart: added, capped at `cap`, but never shrinking the customer's own line. */
export function mergedQuantity(existing: number, incoming: number, cap: number): number {
  return Math.max(existing, Math.min(existing + incoming, cap))
}

/** A cancelled order's line comes back: at least what was ordered, never less than the cart holds now. */
export function restoredQuantity(current: number, ordered: number): number {
  return Math.max(current, Math.min(ordered, MAX_LINE_QUANTITY))
}

/** Order lines by variant, quantities of repeated variants summed, in first-seen order. */
export function sumByVariant(lines: readonly VariantQuantity[]): VariantQuantity[] {
  const sums = new Map<string, number>()
  for (const l of lines) sums.set(l.variantId, (sums.get(l.variantId) ?? 0) + l.quantity)
  return [...sums].map(([variantId, quantity]) => ({ variantId, quantity }))
}

/**
 * The cart as a customer sees it, priced now. Lines of variants the read model has never seen are
 * left out; lines no longer sold show with `sellable: false` and count in neither subtotal nor itemCount.
 */
export function priceCart(cart: StoredCart | undefined, variants: ReadonlyMap<string, VariantView>, currency: string): CartView {
  const items: CartItemView[] = []
  let subtotal = 0
  let itemCount = 0
  for (const line of cart?.lines ?? []) {
    const v = variants.get(line.variantId)
    if (!v) continue
    const lineTotal = v.priceMinor * line.quantity
    if (v.sellable) {
      subtotal += lineTotal
      itemCount += line.quantity
    }
    items.push({
      variantId: v.variantId,
      productId: v.productId,
      sku: v.sku,
      name: v.productName,
      title: v.title,
      slug: v.slug,
      unitPrice: { amount: v.priceMinor, currency: v.currency },
      quantity: line.quantity,
      lineTotal: { amount: lineTotal, currency: v.currency },
      available: availableNow(v),
      weightGrams: v.weightGrams,
      sellable: v.sellable,
    })
  }
  return {
    id: cart?.id ?? null,
    items,
    subtotal: { amount: subtotal, currency },
    itemCount,
    currency,
    updatedAt: cart ? cart.updatedAt.toISOString() : null,
    expiresAt: cart ? cart.expiresAt.toISOString() : null,
    checkout: cart?.checkout ? { orderId: cart.checkout.orderId, until: cart.checkout.until.toISOString() } : null,
  }
}

/** Whether customers can see a product now (and so wish for it). */
export function isProductVisible(p: { status: string; deleted: boolean }): boolean {
  return p.status === 'active' && !p.deleted
}

/** A wishlist holds at most this many products. */
export const MAX_WISHLIST_ITEMS = 100
