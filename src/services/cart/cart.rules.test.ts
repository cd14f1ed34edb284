import { describe, expect, it } from 'vitest'
import { AppError } from '../../platform/errors.ts'
import type { StoredCart } from './cart-store.ts'
import {
  assertQuantityAvailable,
  availableNow,
  isProductVisible,
  lineLimit,
  MAX_LINE_QUANTITY,
  mergedQuantity,
  priceCart,
  refusedAddError,
  restoredQuantity,
  sumByVariant,
  type VariantView,
} from './cart.rules.ts'

function view(over: Partial<VariantView> = {}): VariantView {
  return {
    variantId: 'v1',
    productId: 'p1',
    productName: 'Mug',
    slug: 'mug',
    title: 'Blue',
    sku: 'MUG-BLUE',
    priceMinor: 1250,
    currency: 'USD',
    weightGrams: 300,
    sellable: true,
    available: 10,
    ...over,
  }
}

describe('cart rules', () => {
  it('when a variant is no longer sold, then nothing of it is available whatever inventory says', () => {
    expect(availableNow(view({ available: 8 }))).toBe(8)
    expect(availableNow(view({ sellable: false, available: 8 }))).toBe(0)
    expect(availableNow(view({ available: -3 }))).toBe(0)
  })

  it('when stock is plentiful, then a line is capped at 999; otherwise at what is available', () => {
    expect(lineLimit(view({ available: 5 }))).toBe(5)
    expect(lineLimit(view({ available: 50_000 }))).toBe(MAX_LINE_QUANTITY)
    expect(lineLimit(view({ sellable: false }))).toBe(0)
  })

  it('when an add is refused for want of stock, then 409 says how many are available and in the cart; past the line cap with stock, 400', () => {
    const short = refusedAddError({ current: 3, quantity: 4, available: 5 })
    expect(short).toBeInstanceOf(AppError)
    expect(short).toMatchObject({ status: 409, code: 'insufficient_stock', extra: { available: 5, inCart: 3 } })
    expect(short.message).toBe('Only 5 available; the cart already holds 3.')
    expect(refusedAddError({ current: 0, quantity: 2, available: 1 }).message).toBe('Only 1 available.')
    expect(refusedAddError({ current: 999, quantity: 1, available: 5000 })).toMatchObject({ status: 400, code: 'line_quantity_too_large' })
  })

  it('when a line is set above what is available, then 409; at or below, fine', () => {
    expect(() => assertQuantityAvailable(4, 4)).not.toThrow()
    expect(() => assertQuantityAvailable(5, 4)).toThrow(expect.objectContaining({ status: 409, extra: { available: 4 } }))
  })

  it.each([
    [2, 3, 10, 5],
    [2, 3, 4, 4],
    [6, 3, 4, 6],
    [0, 3, 0, 0],
    [0, 3, 2, 2],
  ])('when %i in the cart meets %i from the guest under cap %i, then the line holds %i', (existing, incoming, cap, expected) => {
    expect(mergedQuantity(existing, incoming, cap)).toBe(expected)
  })

  it('when a cancellation restores a line, then it holds at least what was ordered, within the line cap', () => {
    expect(restoredQuantity(0, 3)).toBe(3)
    expect(restoredQuantity(5, 3)).toBe(5)
    expect(restoredQuantity(0, 5000)).toBe(MAX_LINE_QUANTITY)
  })

  it('when an order repeats a variant, then its quantities are summed in first-seen order', () => {
    expect(sumByVariant([{ variantId: 'a', quantity: 1 }, { variantId: 'b', quantity: 2 }, { variantId: 'a', quantity: 3 }])).toEqual([
      { variantId: 'a', quantity: 4 },
      { variantId: 'b', quantity: 2 },
    ])
  })

  it('when a cart is priced, then lines use current prices, unsold lines show but count in neither subtotal nor itemCount, and unknown variants are left out', () => {
    const at = new Date('2030-01-01T00:00:00.000Z')
    const cart: StoredCart = {
      id: 'c1',
      customerId: null,
      checkout: null,
      lines: [
        { variantId: 'v1', quantity: 2, addedAt: at },
        { variantId: 'v2', quantity: 1, addedAt: at },
        { variantId: 'ghost', quantity: 9, addedAt: at },
      ],
      updatedAt: at,
      expiresAt: new Date('2030-01-31T00:00:00.000Z'),
    }
    const variants = new Map([
      ['v1', view()],
      ['v2', view({ variantId: 'v2', sku: 'MUG-RED', priceMinor: 900, sellable: false })],
    ])
    const priced = priceCart(cart, variants, 'USD')
    expect(priced).toMatchObject({
      id: 'c1',
      subtotal: { amount: 2500, currency: 'USD' },
      itemCount: 2,
      currency: 'USD',
      updatedAt: '2030-01-01T00:00:00.000Z',
      expiresAt: '2030-01-31T00:00:00.000Z',
    })
    expect(priced.items.map((i) => [i.variantId, i.lineTotal.amount, i.available, i.sellable])).toEqual([
      ['v1', 2500, 10, true],
      ['v2', 900, 0, false],
    ])
  })

  it('when there is no cart, then it is priced as empty with a null id', () => {
    expect(priceCart(undefined, new Map(), 'EUR')).toEqual({
      id: null,
      items: [],
      subtotal: { amount: 0, currency: 'EUR' },
      itemCount: 0,
      currency: 'EUR',
      updatedAt: null,
      expiresAt: null,
      checkout: null,
    })
  })

  it('when a product is active and not deleted, then customers see it', () => {
    expect(isProductVisible({ status: 'active', deleted: false })).toBe(true)
    expect(isProductVisible({ status: 'active', deleted: true })).toBe(false)
    expect(isProductVisible({ status: 'draft', deleted: false })).toBe(false)
    expect(isProductVisible({ status: 'archived', deleted: false })).toBe(false)
  })
})
