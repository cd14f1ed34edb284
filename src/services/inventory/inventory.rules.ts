/**
 * Pure rules of inventory: availability, the low-stock crossing, merging and checking the
 * lines of a reservation, the reservation state machine and what an adjustment may do. No I/O.
 */
import { Conflict, RuleViolation } from '../../platform/errors.ts'
import type { RecordedFailure, ReservationStatus } from './inventory.tables.ts'

/** The largest quantity a stock column holds (PostgreSQL integer). */
export const MAX_QUANTITY = 2_147_483_647
/** A reservation holds at most this long, whatever the command asks. */
export const MAX_RESERVATION_TTL_SECONDS = 30 * 24 * 3600

export interface Line {
  sku: string
  quantity: number
}

export interface Figures {
  onHand: number
  reserved: number
}

export interface ThresholdFigures extends Figures {
  lowStockThreshold: number
}

export type Shortage = RecordedFailure['shortages'][number]

/** What can still be promised to a customer. */
export function availableOf(level: Figures): number {
  return level.onHand - level.reserved
}

export function isLowStock(level: ThresholdFigures): boolean {
  return availableOf(level) <= level.lowStockThreshold
}

/** True only on the crossing: above the threshold before, at or below it after. */
export function crossedIntoLowStock(before: ThresholdFigures, after: ThresholdFigures): boolean {
  return !isLowStock(before) && isLowStock(after)
}

/** One line per sku (quantities summed), in a stable sku order. */
export function mergeLines(lines: readonly Line[]): Line[] {
  const bySku = new Map<string, number>()
  for (const line of lines) bySku.set(line.sku, (bySku.get(line.sku) ?? 0) + line.quantity)
  return [...bySku.entries()].sort(([a], [b]) => compareSkus(a, b)).map(([sku, quantity]) => ({ sku, quantity }))
}

/** Code-unit order: the same on every machine, whatever its locale. */
export function compareSkus(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export type ReservationCheck = { ok: true } | ({ ok: false } & RecordedFailure)

/**
 * All lines or none: an unknown sku fails the whole reservation (`unknown_sku`), and so does
 * any line asking for more than is available (`out_of_stock`). Every failing line is listed.
 */
export function checkReservation(lines: readonly Line[], levels: ReadonlyMap<string, Figures>): ReservationCheck {
  const shortages: Shortage[] = []
  let unknown = false
  for (const line of lines) {
    const level = levels.get(line.sku)
    if (!level) {
      unknown = true
      shortages.push({ sku: line.sku, requested: line.quantity, available: 0 })
      continue
    }
    const available = availableOf(level)
    if (line.quantity > available) shortages.push({ sku: line.sku, requested: line.quantity, available: Math.max(0, available) })
  }
  if (shortages.length === 0) return { ok: true }
  return { ok: false, reason: unknown ? 'unknown_sku' : 'out_of_stock', shortages }
}

/** The command's time to live, or the default, capped so that an absurd value cannot break the expiry. */
export function reservationTtl(requested: number | undefined, fallback: number): number {
  return Math.min(requested ?? fallback, MAX_RESERVATION_TTL_SECONDS)
}

/** Opening stock from the catalog must fit the stock column; anything else is a broken message. */
export function isStorableQuantity(quantity: number): boolean {
  return Number.isInteger(quantity) && quantity >= 0 && quantity <= MAX_QUANTITY
}

/** An admin adjustment may not take on hand below what is reserved (or below zero), nor past the column's limit. */
export function assertAdjustable(level: Figures, delta: number): void {
  const onHand = level.onHand + delta
  if (onHand < 0) throw new Conflict(`On hand would fall to ${onHand}: only ${level.onHand} on hand.`, 'insufficient_stock')
  if (onHand < level.reserved) {
    throw new Conflict(`On hand would fall to ${onHand}, below the ${level.reserved} reserved for orders.`, 'insufficient_stock')
  }
  if (onHand > MAX_QUANTITY) throw new RuleViolation(`On hand would exceed ${MAX_QUANTITY}.`, 'quantity_too_large')
}

/** The reservation state machine: where each status may go. */
export const RESERVATION_TRANSITIONS: Readonly<Record<ReservationStatus, readonly ReservationStatus[]>> = {
  reserved: ['committed', 'released', 'expired'],
  committed: ['released'],
  released: [],
  expired: [],
  failed: [],
}

export function canTransition(from: ReservationStatus, to: ReservationStatus): boolean {
  return RESERVATION_TRANSITIONS[from].includes(to)
}

export type CommitDecision =
  | { kind: 'commit' }
  /** Reserved, but its time ran out before the sweeper came: expire it now, then refuse. */
  | { kind: 'expire' }
  /** Already committed: answer again, change nothing. */
  | { kind: 'answer' }
  | { kind: 'fail'; reason: 'no_reservation' | 'released' | 'expired' }

export function decideCommit(status: ReservationStatus | undefined, pastExpiry: boolean): CommitDecision {
  switch (status) {
    case 'reserved':
      return pastExpiry ? { kind: 'expire' } : { kind: 'commit' }
    case 'committed':
      return { kind: 'answer' }
    case 'released':
      return { kind: 'fail', reason: 'released' }
    case 'expired':
      return { kind: 'fail', reason: 'expired' }
    case 'failed':
    case undefined:
      return { kind: 'fail', reason: 'no_reservation' }
  }
}

export type ReleaseDecision =
  /** Reserved stock goes back to available. */
  | { kind: 'release' }
  /** Sold stock goes back on hand. */
  | { kind: 'restock' }
  /** Already given back (released, or expired by the sweeper): answer again, change nothing. */
  | { kind: 'answer' }
  /** Nothing was ever held for this order. */
  | { kind: 'nothing' }

export function decideRelease(status: ReservationStatus | undefined): ReleaseDecision {
  switch (status) {
    case 'reserved':
      return { kind: 'release' }
    case 'committed':
      return { kind: 'restock' }
    case 'released':
    case 'expired':
      return { kind: 'answer' }
    case 'failed':
    case undefined:
      return { kind: 'nothing' }
  }
}

/** `q` as a LIKE prefix: its own %, _ and \ match literally. */
export function skuPrefixPattern(q: string): string {
  return `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/**
 * The returned units that may go back on hand: each requested line capped at what the order
 * bought of that sku less what earlier returns already restocked. Skus the order never had are
 * dropped. Sku order, merged.
 */
export function capRestock(sold: readonly Line[], earlier: readonly Line[], requested: readonly Line[]): Line[] {
  const left = new Map(mergeLines(sold).map((l) => [l.sku, l.quantity]))
  for (const l of earlier) left.set(l.sku, (left.get(l.sku) ?? 0) - l.quantity)
  const out: Line[] = []
  for (const l of mergeLines(requested)) {
    const quantity = Math.min(l.quantity, Math.max(0, left.get(l.sku) ?? 0))
    if (quantity > 0) out.push({ sku: l.sku, quantity })
  }
  return out
}
