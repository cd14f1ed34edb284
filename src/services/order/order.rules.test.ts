import { describe, expect, it } from 'vitest'
import {
  assertCartOrderable,
  averageOf,
  canMove,
  canMoveReturn,
  computeTotals,
  daysBetween,
  generateOrderNumber,
  lineNameOf,
  ORDER_NUMBER_ALPHABET,
  ORDER_NUMBER_PATTERN,
  ORDER_STATUSES,
  outOfStockDetail,
  paymentDeclinedDetail,
} from './order.rules.ts'

const usd = (amount: number) => ({ amount, currency: 'USD' })

describe('order status transitions', () => {
  it('follows pending → confirmed → shipped → delivered → returned, and cancels only before shipment', () => {
    const allowed = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`))
    expect(allowed.sort()).toEqual(
      [
        'pending→confirmed',
        'pending→cancelled',
        'confirmed→shipped',
        'confirmed→delivered',
        'confirmed→cancelled',
        'shipped→delivered',
        'delivered→returned',
      ].sort(),
    )
  })

  it('never leaves cancelled or returned', () => {
    for (const to of ORDER_STATUSES) {
      expect(canMove('cancelled', to)).toBe(false)
      expect(canMove('returned', to)).toBe(false)
    }
  })

  it('moves a return from requested to approved to refunded (or refund_failed, then refunded), never back', () => {
    expect(canMoveReturn('requested', 'approved')).toBe(true)
    expect(canMoveReturn('approved', 'refunded')).toBe(true)
    expect(canMoveReturn('approved', 'refund_failed')).toBe(true)
    expect(canMoveReturn('refund_failed', 'refunded')).toBe(true)
    expect(canMoveReturn('approved', 'approved')).toBe(false)
    expect(canMoveReturn('refunded', 'approved')).toBe(false)
    expect(canMoveReturn('requested', 'refunded')).toBe(false)
  })
})

describe('totals', () => {
  it('are unit price × quantity per line, their sum, plus the quoted shipping', () => {
    const totals = computeTotals([{ unitPrice: usd(1250), quantity: 2 }, { unitPrice: usd(399), quantity: 3 }], usd(500), 'USD')
    expect(totals).toEqual({ lineTotals: [2500, 1197], subtotal: usd(3697), shippingTotal: usd(500), total: usd(4197) })
  })

  it('when a price or the shipping is in another currency, then 409', () => {
    expect(() => computeTotals([{ unitPrice: { amount: 100, currency: 'EUR' }, quantity: 1 }], usd(0), 'USD')).toThrow(
      expect.objectContaining({ status: 409, code: 'currency_mismatch' }),
    )
    expect(() => computeTotals([{ unitPrice: usd(100), quantity: 1 }], { amount: 5, currency: 'GBP' }, 'USD')).toThrow(expect.objectContaining({ status: 409 }))
  })

  it('when the total would not fit in Money, then 422', () => {
    expect(() => computeTotals([{ unitPrice: usd(100_000_000_00), quantity: 2 }], usd(0), 'USD')).toThrow(expect.objectContaining({ status: 422 }))
  })
})

describe('the cart at checkout', () => {
  it('when the cart is empty, then 422; when a line is no longer sold, then 409 naming its sku', () => {
    expect(() => assertCartOrderable([])).toThrow(expect.objectContaining({ status: 422, code: 'cart_empty' }))
    expect(() =>
      assertCartOrderable([
        { variantId: 'v1', sku: 'A', quantity: 1, unitPrice: usd(1), sellable: true },
        { variantId: 'v2', sku: 'GONE', quantity: 1, unitPrice: usd(1), sellable: false },
      ]),
    ).toThrow(expect.objectContaining({ status: 409, message: expect.stringContaining('GONE') }))
    expect(() => assertCartOrderable([{ variantId: 'v1', sku: 'NOPRICE', quantity: 1, unitPrice: null }])).toThrow(expect.objectContaining({ status: 409 }))
  })

  it('does not look at stock: a line shown as unavailable is left to the reservation', () => {
    expect(assertCartOrderable([{ variantId: 'v1', sku: 'A', quantity: 3, unitPrice: usd(1), sellable: true, available: 0 }])).toHaveLength(1)
  })

  it('makes one line per variant, adding up quantities', () => {
    const lines = assertCartOrderable([
      { variantId: 'v1', sku: 'A', quantity: 1, unitPrice: usd(5) },
      { variantId: 'v2', sku: 'B', quantity: 1, unitPrice: usd(7) },
      { variantId: 'v1', sku: 'A', quantity: 2, unitPrice: usd(5) },
    ])
    expect(lines.map((l) => [l.variantId, l.quantity])).toEqual([
      ['v1', 3],
      ['v2', 1],
    ])
  })

  it('names a line by its product, and its variant when the title says more', () => {
    expect(lineNameOf('T-shirt', 'Red / M')).toBe('T-shirt — Red / M')
    expect(lineNameOf('Mug', 'Default')).toBe('Mug')
    expect(lineNameOf('Mug', 'Mug')).toBe('Mug')
    expect(lineNameOf('Mug', null)).toBe('Mug')
  })
})

describe('order numbers', () => {
  it('read aloud without look-alikes: EMP-XXX-XXX from an alphabet with no 0/O, 1/I/L, 2/Z, 5/S, 8/B', () => {
    for (const c of '0O1IL2Z5S8BQUV') expect(ORDER_NUMBER_ALPHABET).not.toContain(c)
    for (let i = 0; i < 200; i += 1) expect(generateOrderNumber()).toMatch(ORDER_NUMBER_PATTERN)
  })

  it('draws every character from the alphabet, at random', () => {
    expect(generateOrderNumber(() => 0)).toBe(`EMP-${ORDER_NUMBER_ALPHABET[0]!.repeat(3)}-${ORDER_NUMBER_ALPHABET[0]!.repeat(3)}`)
    const last = ORDER_NUMBER_ALPHABET.length - 1
    expect(generateOrderNumber(() => last)).toMatch(new RegExp(`^EMP-${ORDER_NUMBER_ALPHABET[last]}{3}-`))
    const seen = new Set(Array.from({ length: 500 }, () => generateOrderNumber()))
    expect(seen.size).toBeGreaterThan(495)
  })
})

describe('cancellation details', () => {
  it('name the skus that ran out, and say when the processor failed', () => {
    expect(outOfStockDetail('out_of_stock', [{ sku: 'MUG', requested: 3, available: 1 }])).toContain('MUG (wanted 3, 1 left)')
    expect(outOfStockDetail('unknown_sku', [{ sku: 'OLD', requested: 1, available: 0 }])).toContain('OLD (no longer sold)')
    expect(paymentDeclinedDetail('declined', 'Your card was declined.')).toBe('Your card was declined.')
    expect(paymentDeclinedDetail('processor_error', 'timeout')).toBe('The card processor failed: timeout')
  })
})

describe('dashboard arithmetic', () => {
  it('averages to whole minor units and lists every UTC day of a period', () => {
    expect(averageOf(1000, 3)).toBe(333)
    expect(averageOf(0, 0)).toBe(0)
    expect(daysBetween(new Date('2024-02-27T10:00:00Z'), new Date('2024-03-02T00:00:00Z'))).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01'])
  })
})
