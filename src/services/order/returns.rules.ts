/** Pure rules of returns: the window, what may still be returned, the refund, and when an order is fully back. No I/O. */
import { Conflict, RuleViolation } from '../../platform/errors.ts'
import type { OrderStatus } from './order.rules.ts'

export interface ReturnWindow {
  status: OrderStatus
  deliveredAt: Date | null
}

/** Returns are for delivered orders, within the window after delivery. */
export function assertReturnWindowOpen(order: ReturnWindow, now: Date, windowDays: number): void {
  if (order.status !== 'delivered' || !order.deliveredAt) {
    throw new Conflict(`Only delivered orders can be returned; this one is ${order.status}.`, 'order_not_returnable')
  }
  const closes = returnWindowClosesAt(order.deliveredAt, windowDays)
  if (now.getTime() > closes.getTime()) {
    throw new Conflict(`The ${windowDays}-day return window closed on ${closes.toISOString().slice(0, 10)}.`, 'return_window_closed')
  }
}

/** The last moment a return may be asked for: the window's length after delivery. */
export function returnWindowClosesAt(deliveredAt: Date, windowDays: number): Date {
  return new Date(deliveredAt.getTime() + windowDays * 24 * 3600 * 1000)
}

export interface SoldLine {
  variantId: string
  sku: string
  quantity: number
  unitPrice: number
}

export interface ReturnItem {
  variantId: string
  quantity: number
}

/** One item per variant, quantities summed, in the order first named. */
export function mergeReturnItems(items: readonly ReturnItem[]): ReturnItem[] {
  const byVariant = new Map<string, number>()
  for (const item of items) byVariant.set(item.variantId, (byVariant.get(item.variantId) ?? 0) + item.quantity)
  return [...byVariant.entries()].map(([variantId, quantity]) => ({ variantId, quantity }))
}

/**
 * Each item must be a line of the order, asking for no more than was bought minus what earlier
 * returns already asked for. Returns the items with their sku and refund, and the refund total.
 */
export function checkReturnItems(
  requested: readonly ReturnItem[],
  sold: readonly SoldLine[],
  alreadyReturned: ReadonlyMap<string, number>,
): { items: Array<ReturnItem & { sku: string; refund: number }>; refund: number } {
  const items = mergeReturnItems(requested)
  const byVariant = new Map(sold.map((l) => [l.variantId, l]))
  const errors: Array<{ path: string; message: string }> = []
  const checked = items.flatMap((item) => {
    const index = requested.findIndex((r) => r.variantId === item.variantId)
    const line = byVariant.get(item.variantId)
    if (!line) {
      errors.push({ path: `items.${index}.variantId`, message: 'This item is not part of the order' })
      return []
    }
    const left = line.quantity - (alreadyReturned.get(item.variantId) ?? 0)
    if (item.quantity > left) {
      errors.push({ path: `items.${index}.quantity`, message: `At most ${left} of this item can still be returned` })
      return []
    }
    return [{ ...item, sku: line.sku, refund: line.unitPrice * item.quantity }]
  })
  if (errors.length > 0) throw new RuleViolation('Some items cannot be returned.', 'return_not_allowed', errors)
  return { items: checked, refund: checked.reduce((sum, i) => sum + i.refund, 0) }
}

/** True when approved returns cover every unit of every line. */
export function isFullyReturned(sold: readonly SoldLine[], returned: ReadonlyMap<string, number>): boolean {
  return sold.every((l) => (returned.get(l.variantId) ?? 0) >= l.quantity)
}
