import { describe, expect, it } from 'vitest'
import { assertReturnWindowOpen, checkReturnItems, isFullyReturned } from './returns.rules.ts'

describe('returns', () => {
  const sold = [
    { variantId: 'v1', sku: 'A', quantity: 2, unitPrice: 1000 },
    { variantId: 'v2', sku: 'B', quantity: 1, unitPrice: 500 },
  ]
  const delivered = new Date('2024-03-01T12:00:00Z')

  it('are open for delivered orders within the window only', () => {
    expect(() => assertReturnWindowOpen({ status: 'delivered', deliveredAt: delivered }, new Date('2024-03-30T12:00:00Z'), 30)).not.toThrow()
    expect(() => assertReturnWindowOpen({ status: 'delivered', deliveredAt: delivered }, new Date('2024-04-01T12:00:01Z'), 30)).toThrow(
      expect.objectContaining({ status: 409, code: 'return_window_closed' }),
    )
    expect(() => assertReturnWindowOpen({ status: 'shipped', deliveredAt: null }, delivered, 30)).toThrow(expect.objectContaining({ status: 409 }))
  })

  it('refund unit price × quantity, merging repeated items', () => {
    const checked = checkReturnItems([{ variantId: 'v1', quantity: 1 }, { variantId: 'v2', quantity: 1 }, { variantId: 'v1', quantity: 1 }], sold, new Map())
    expect(checked.refund).toBe(2500)
    expect(checked.items).toEqual([
      { variantId: 'v1', quantity: 2, sku: 'A', refund: 2000 },
      { variantId: 'v2', quantity: 1, sku: 'B', refund: 500 },
    ])
  })

  it('when more is asked than bought minus already returned, or an item is not in the order, then 422 naming it', () => {
    expect(() => checkReturnItems([{ variantId: 'v1', quantity: 2 }], sold, new Map([['v1', 1]]))).toThrow(
      expect.objectContaining({ status: 422, errors: [{ path: 'items.0.quantity', message: expect.stringContaining('1') }] }),
    )
    expect(() => checkReturnItems([{ variantId: 'v2', quantity: 1 }, { variantId: 'v9', quantity: 1 }], sold, new Map())).toThrow(
      expect.objectContaining({ status: 422, errors: [{ path: 'items.1.variantId', message: expect.any(String) }] }),
    )
  })

  it('are full when every unit of every line is back', () => {
    expect(isFullyReturned(sold, new Map([['v1', 2]]))).toBe(false)
    expect(isFullyReturned(sold, new Map([['v1', 2], ['v2', 1]]))).toBe(true)
  })
})
