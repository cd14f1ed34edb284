import { describe, expect, it } from 'vitest'
import { AppError } from '../../platform/errors.ts'
import {
  capRestock,
  assertAdjustable,
  availableOf,
  canTransition,
  checkReservation,
  crossedIntoLowStock,
  decideCommit,
  decideRelease,
  isStorableQuantity,
  MAX_QUANTITY,
  MAX_RESERVATION_TTL_SECONDS,
  mergeLines,
  RESERVATION_TRANSITIONS,
  reservationTtl,
  skuPrefixPattern,
} from './inventory.rules.ts'
import { RESERVATION_STATUSES } from './inventory.tables.ts'

const level = (onHand: number, reserved: number, lowStockThreshold = 5) => ({ onHand, reserved, lowStockThreshold })

function statusOf(fn: () => void): number | undefined {
  try {
    fn()
    return undefined
  } catch (err) {
    return err instanceof AppError ? err.status : -1
  }
}

describe('availability and low stock', () => {
  it('available is on hand minus reserved', () => {
    expect(availableOf(level(10, 3))).toBe(7)
  })

  it('when available falls from above the threshold to at or below it, then that is a crossing', () => {
    expect(crossedIntoLowStock(level(10, 0), level(10, 5))).toBe(true)
    expect(crossedIntoLowStock(level(10, 0), level(10, 8))).toBe(true)
  })

  it('when available was already at or below the threshold, or stays above it, then there is no crossing', () => {
    expect(crossedIntoLowStock(level(10, 5), level(10, 6))).toBe(false)
    expect(crossedIntoLowStock(level(10, 0), level(10, 4))).toBe(false)
    expect(crossedIntoLowStock(level(10, 8), level(10, 0))).toBe(false)
  })

  it('when the threshold is raised over the available stock, then that is a crossing too', () => {
    expect(crossedIntoLowStock(level(10, 0, 5), level(10, 0, 10))).toBe(true)
  })
})

describe('reservation lines', () => {
  it('when an order names a sku twice, then its lines merge into one, in sku order', () => {
    expect(
      mergeLines([
        { sku: 'B', quantity: 1 },
        { sku: 'A', quantity: 2 },
        { sku: 'B', quantity: 3 },
      ]),
    ).toEqual([
      { sku: 'A', quantity: 2 },
      { sku: 'B', quantity: 4 },
    ])
  })

  it('when every line is covered, then the reservation can go ahead', () => {
    const levels = new Map([['A', level(5, 2)]])
    expect(checkReservation([{ sku: 'A', quantity: 3 }], levels)).toEqual({ ok: true })
  })

  it('when lines are short, then every shortage is listed as out_of_stock', () => {
    const levels = new Map([
      ['A', level(5, 2)],
      ['B', level(1, 0)],
      ['C', level(9, 0)],
    ])
    const check = checkReservation(
      [
        { sku: 'A', quantity: 4 },
        { sku: 'B', quantity: 2 },
        { sku: 'C', quantity: 1 },
      ],
      levels,
    )
    expect(check).toEqual({
      ok: false,
      reason: 'out_of_stock',
      shortages: [
        { sku: 'A', requested: 4, available: 3 },
        { sku: 'B', requested: 2, available: 1 },
      ],
    })
  })

  it('when a sku is unknown, then the reason is unknown_sku', () => {
    const check = checkReservation([{ sku: 'NOPE', quantity: 1 }], new Map())
    expect(check).toEqual({ ok: false, reason: 'unknown_sku', shortages: [{ sku: 'NOPE', requested: 1, available: 0 }] })
  })

  it('a reservation holds for the asked time or the default, never longer than the cap', () => {
    expect(reservationTtl(undefined, 900)).toBe(900)
    expect(reservationTtl(60, 900)).toBe(60)
    expect(reservationTtl(10 ** 12, 900)).toBe(MAX_RESERVATION_TTL_SECONDS)
  })
})

describe('adjustments', () => {
  it('when on hand stays at or above reserved, then the adjustment is allowed', () => {
    expect(statusOf(() => assertAdjustable(level(10, 4), -6))).toBeUndefined()
    expect(statusOf(() => assertAdjustable(level(0, 0), 5))).toBeUndefined()
  })

  it('when on hand would fall below reserved or zero, then 409', () => {
    expect(statusOf(() => assertAdjustable(level(10, 4), -7))).toBe(409)
    expect(statusOf(() => assertAdjustable(level(3, 0), -4))).toBe(409)
  })

  it('when on hand would outgrow the stock column, then 422', () => {
    expect(statusOf(() => assertAdjustable(level(MAX_QUANTITY, 0), 1))).toBe(422)
    expect(isStorableQuantity(MAX_QUANTITY)).toBe(true)
    expect(isStorableQuantity(MAX_QUANTITY + 1)).toBe(false)
  })
})

describe('reservation state machine', () => {
  it('only a reserved reservation moves on, and a committed one can only be released', () => {
    expect(canTransition('reserved', 'committed')).toBe(true)
    expect(canTransition('reserved', 'expired')).toBe(true)
    expect(canTransition('committed', 'released')).toBe(true)
    expect(canTransition('committed', 'expired')).toBe(false)
    for (const end of ['released', 'expired', 'failed'] as const) expect(RESERVATION_TRANSITIONS[end]).toEqual([])
  })

  it('every commit decision that changes the status follows the transition table', () => {
    for (const status of RESERVATION_STATUSES) {
      const decision = decideCommit(status, false)
      if (decision.kind === 'commit') expect(canTransition(status, 'committed')).toBe(true)
      if (decideCommit(status, true).kind === 'expire') expect(canTransition(status, 'expired')).toBe(true)
    }
  })

  it('commit: reserved commits, past its expiry it expires, committed answers again, the rest fail with a reason', () => {
    expect(decideCommit('reserved', false)).toEqual({ kind: 'commit' })
    expect(decideCommit('reserved', true)).toEqual({ kind: 'expire' })
    expect(decideCommit('committed', true)).toEqual({ kind: 'answer' })
    expect(decideCommit('released', false)).toEqual({ kind: 'fail', reason: 'released' })
    expect(decideCommit('expired', false)).toEqual({ kind: 'fail', reason: 'expired' })
    expect(decideCommit('failed', false)).toEqual({ kind: 'fail', reason: 'no_reservation' })
    expect(decideCommit(undefined, false)).toEqual({ kind: 'fail', reason: 'no_reservation' })
  })

  it('release: reserved releases, committed restocks, given-back answers again, never-held does nothing', () => {
    expect(decideRelease('reserved')).toEqual({ kind: 'release' })
    expect(decideRelease('committed')).toEqual({ kind: 'restock' })
    expect(decideRelease('released')).toEqual({ kind: 'answer' })
    expect(decideRelease('expired')).toEqual({ kind: 'answer' })
    expect(decideRelease('failed')).toEqual({ kind: 'nothing' })
    expect(decideRelease(undefined)).toEqual({ kind: 'nothing' })
    for (const status of RESERVATION_STATUSES) {
      if (['release', 'restock'].includes(decideRelease(status).kind)) expect(canTransition(status, 'released')).toBe(true)
    }
  })
})

describe('sku search', () => {
  it('a prefix matches its LIKE wildcards literally', () => {
    expect(skuPrefixPattern('TEA-')).toBe('TEA-%')
    expect(skuPrefixPattern('50%_off\\')).toBe('50\\%\\_off\\\\%')
  })
})

describe('restocking returns', () => {
  it('puts back at most what the order bought, less earlier returns, and drops skus it never had', () => {
    const sold = [{ sku: 'A', quantity: 3 }, { sku: 'B', quantity: 1 }]
    expect(capRestock(sold, [], [{ sku: 'A', quantity: 2 }])).toEqual([{ sku: 'A', quantity: 2 }])
    expect(capRestock(sold, [{ sku: 'A', quantity: 2 }], [{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 1 }])).toEqual([
      { sku: 'A', quantity: 1 },
      { sku: 'B', quantity: 1 },
    ])
    expect(capRestock(sold, [{ sku: 'B', quantity: 1 }], [{ sku: 'B', quantity: 1 }, { sku: 'C', quantity: 4 }])).toEqual([])
    expect(capRestock([], [], [{ sku: 'A', quantity: 1 }])).toEqual([])
  })
})
