import { api } from './client.ts'
import type { Money, Page } from './types.ts'

/** Cart and wishlist shapes (src/services/cart/*.dto.ts) and their calls. */

export interface CartItem {
  variantId: string
  productId: string
  sku: string
  /** The product's name. */
  name: string
  /** The variant's title ("Default" for a plain product). */
  title: string
  slug: string
  unitPrice: Money
  quantity: number
  lineTotal: Money
  /** Units that can be bought now (0 once the variant is no longer sold). */
  available: number
  weightGrams: number
  /** False once the product is no longer sold; such lines count in neither subtotal nor itemCount. */
  sellable: boolean
}

export interface Cart {
  /** null while there is no cart. */
  id: string | null
  items: CartItem[]
  subtotal: Money
  itemCount: number
  currency: string
  updatedAt: string | null
  expiresAt: string | null
}

/** The most of one variant a cart line may hold. */
export const MAX_LINE_QUANTITY = 999

export function getCart(signal?: AbortSignal): Promise<Cart> {
  return api<Cart>('/api/cart', { signal })
}

export function addCartItem(variantId: string, quantity: number): Promise<Cart> {
  return api<Cart>('/api/cart/items', { method: 'POST', body: { variantId, quantity } })
}

/** Sets a line's quantity; 0 removes the line. */
export function updateCartItem(variantId: string, quantity: number): Promise<Cart> {
  return api<Cart>(`/api/cart/items/${variantId}`, { method: 'PATCH', body: { quantity } })
}

export function removeCartItem(variantId: string): Promise<Cart> {
  return api<Cart>(`/api/cart/items/${variantId}`, { method: 'DELETE' })
}

/** Whether a line cannot be bought as it stands. */
export function lineProblem(item: CartItem): 'unavailable' | 'short' | undefined {
  if (!item.sellable || item.available <= 0) return 'unavailable'
  if (item.quantity > item.available) return 'short'
  return undefined
}

export interface WishlistItem {
  productId: string
  name: string
  slug: string
  addedAt: string
  active: boolean
  priceFrom: Money | null
}

export const WISHLIST_KEY = ['wishlist'] as const

export function getWishlist(signal?: AbortSignal): Promise<Page<WishlistItem>> {
  return api<Page<WishlistItem>>('/api/wishlist', { query: { pageSize: 100 }, signal })
}

export function addToWishlist(productId: string): Promise<Page<WishlistItem>> {
  return api<Page<WishlistItem>>('/api/wishlist', { method: 'POST', body: { productId } })
}

export function removeFromWishlist(productId: string): Promise<void> {
  return api<void>(`/api/wishlist/${productId}`, { method: 'DELETE' })
}
