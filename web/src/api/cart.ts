import type { z } from 'zod'
import type { CartDto, CartItemDto } from '../../../src/services/cart/cart.dto.ts'
import type { WishlistItemDto } from '../../../src/services/cart/wishlist.dto.ts'
import { api } from './client.ts'
import type { Page } from './types.ts'

/** Cart and wishlist shapes (src/services/cart/*.dto.ts) and their calls. */

/** The answers' shapes are the server's own schemas: a change there fails this app's type check. */
export type CartItem = z.infer<typeof CartItemDto>
export type Cart = z.infer<typeof CartDto>

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

export type WishlistItem = WishlistItemDto

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
