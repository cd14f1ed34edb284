/**
 * Pure rules of ordering: the order status machine, totals, readable order numbers and the
 * dashboard's arithmetic (the checkout saga's table is saga.rules.ts). No I/O.
 */
import { randomInt } from 'node:crypto'
import type { Money } from '../../contracts/money.ts'
import type { CancellationReason as ContractReason } from '../../contracts/order.events.ts'
import type { z } from 'zod'
import { Conflict, RuleViolation } from '../../platform/errors.ts'

export const ORDER_STATUSES = ['pending', 'confirmed', 'shipped', 'delivered', 'returned', 'cancelled'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

/** Where the checkout saga stands: waiting for stock, for the card, for the capture, or finished. */
export const SAGA_STEPS = ['reserving', 'authorizing', 'capturing', 'done'] as const
export type SagaStep = (typeof SAGA_STEPS)[number]

export type CancellationReason = z.infer<typeof ContractReason>

export const PAYMENT_STATUSES = ['pending', 'authorized', 'captured', 'voided', 'refunded', 'partially_refunded', 'failed', 'disputed'] as const
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number]

export const RETURN_STATUSES = ['requested', 'approved', 'refunded', 'refund_failed'] as const
export type ReturnStatus = (typeof RETURN_STATUSES)[number]

/** The largest amount Money holds. */
export const MAX_AMOUNT = 100_000_000_00

// --- Order status machine ---

/** Which status may follow which. Everything else is refused. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['shipped', 'delivered', 'cancelled'],
  shipped: ['delivered'],
  delivered: ['returned'],
  returned: [],
  cancelled: [],
}

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to)
}

export const RETURN_TRANSITIONS: Readonly<Record<ReturnStatus, readonly ReturnStatus[]>> = {
  requested: ['approved'],
  approved: ['refunded', 'refund_failed'],
  refund_failed: ['refunded'],
  refunded: [],
}

export function canMoveReturn(from: ReturnStatus, to: ReturnStatus): boolean {
  return RETURN_TRANSITIONS[from].includes(to)
}

// --- Totals ---

export interface PricedLine {
  unitPrice: Money
  quantity: number
}

export interface Totals {
  lineTotals: number[]
  subtotal: Money
  shippingTotal: Money
  total: Money
}

/**
 * The server's totals: each line's unit price times its quantity, their sum, the quoted shipping
 * and the total, all in the shop's currency. Another currency anywhere is a conflict.
 */
export function computeTotals(lines: readonly PricedLine[], shipping: Money, currency: string): Totals {
  const foreign = [...lines.map((l) => l.unitPrice.currency), shipping.currency].find((c) => c !== currency)
  if (foreign !== undefined) {
    throw new Conflict(`Prices must be in ${currency}, but one is in ${foreign}. Reload the cart and try again.`, 'currency_mismatch')
  }
  const lineTotals = lines.map((l) => l.unitPrice.amount * l.quantity)
  const subtotal = lineTotals.reduce((sum, n) => sum + n, 0)
  const total = subtotal + shipping.amount
  if (!Number.isSafeInteger(total) || total > MAX_AMOUNT) {
    throw new RuleViolation('The order total is larger than one order may be.', 'order_too_large')
  }
  return {
    lineTotals,
    subtotal: { amount: subtotal, currency },
    shippingTotal: { amount: shipping.amount, currency },
    total: { amount: total, currency },
  }
}

// --- The cart at checkout ---

export interface CartLineFacts {
  variantId: string
  sku: string
  quantity: number
  unitPrice?: Money | null | undefined
  sellable?: boolean | undefined
  status?: string | undefined
}

/**
 * The lines checkout may sell, one per variant: an empty cart is refused (422), and so is a line
 * whose variant is no longer sold (409). Stock is not looked at here: the reservation decides.
 */
export function assertCartOrderable<L extends CartLineFacts>(lines: readonly L[]): Array<L & { unitPrice: Money }> {
  if (lines.length === 0) throw new RuleViolation('Your cart is empty.', 'cart_empty')
  const unsellable = lines.filter((l) => !l.unitPrice || l.sellable === false || (l.status !== undefined && l.status !== 'active'))
  if (unsellable.length > 0) {
    throw new Conflict(`No longer sold: ${unsellable.map((l) => l.sku).join(', ')}. Remove it from your cart and try again.`, 'item_unavailable')
  }
  const byVariant = new Map<string, L & { unitPrice: Money }>()
  for (const line of lines as Array<L & { unitPrice: Money }>) {
    const seen = byVariant.get(line.variantId)
    byVariant.set(line.variantId, seen ? { ...seen, quantity: seen.quantity + line.quantity } : line)
  }
  return [...byVariant.values()]
}

/** What a line is called on the order: the product's name, and the variant's title when it says more. */
export function lineNameOf(name: string, title: string | null | undefined): string {
  const t = title?.trim()
  return t && t.toLowerCase() !== 'default' && t !== name ? `${name} — ${t}` : name
}

// --- Order numbers ---

/** Characters that cannot be mistaken for one another, read aloud or written: no 0/O/Q, 1/I/L, 2/Z, 5/S, 6/G, 8/B, U/V. */
export const ORDER_NUMBER_ALPHABET = '34679ACDEFHJKMNPRTWXY'
export const ORDER_NUMBER_PATTERN = new RegExp(`^EMP-[${ORDER_NUMBER_ALPHABET}]{3}-[${ORDER_NUMBER_ALPHABET}]{3}$`)

/** A random number such as `EMP-7KX-3HF`; uniqueness is the database's unique index (retry on collision). */
export function generateOrderNumber(pick: (max: number) => number = randomInt): string {
  const chars = Array.from({ length: 6 }, () => ORDER_NUMBER_ALPHABET[pick(ORDER_NUMBER_ALPHABET.length)])
  return `EMP-${chars.slice(0, 3).join('')}-${chars.slice(3).join('')}`
}

// --- Cancellation details ---

export interface Shortage {
  sku: string
  requested: number
  available: number
}

export function outOfStockDetail(reason: 'out_of_stock' | 'unknown_sku', shortages: readonly Shortage[]): string {
  const what = shortages.map((s) => (reason === 'unknown_sku' && s.available === 0 ? `${s.sku} (no longer sold)` : `${s.sku} (wanted ${s.requested}, ${s.available} left)`))
  return `Not enough stock: ${what.join(', ') || 'some items'}.`
}

export function paymentDeclinedDetail(reason: string, message: string): string {
  return reason === 'processor_error' ? `The card processor failed: ${message}` : message
}

// --- Dashboard ---

export function averageOf(total: number, count: number): number {
  return count === 0 ? 0 : Math.round(total / count)
}

/** Every UTC day from `from` to `to` (inclusive of the day `to` falls in), as YYYY-MM-DD, at most `limit`. */
export function daysBetween(from: Date, to: Date, limit = 366): string[] {
  const days: string[] = []
  const cursor = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()))
  while (cursor.getTime() < to.getTime() && days.length < limit) {
    days.push(cursor.toISOString().slice(0, 10))
    cursor.setUTCDate(cursor.getUTCDate() + 1)
  }
  return days
}
