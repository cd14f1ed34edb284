import type { Money } from '../../contracts/money.ts'
import type { ShippingAddress } from '../../contracts/order.events.ts'

/** Pure formatting shared by the templates. No I/O. */

/** A rendered message: which template, and what the person reads. */
export interface Rendered {
  template: TemplateName
  subject: string
  body: string
}

export const TEMPLATES = [
  'welcome',
  'email_verification',
  'password_reset',
  'order_confirmed',
  'order_cancelled',
  'payment_failed',
  'order_shipped',
  'order_delivered',
  'payment_refunded',
  'low_stock',
] as const
export type TemplateName = (typeof TEMPLATES)[number]

const formatters = new Map<string, Intl.NumberFormat>()

function formatterFor(currency: string): Intl.NumberFormat {
  let f = formatters.get(currency)
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency })
    formatters.set(currency, f)
  }
  return f
}

/** Minor units as a person reads them: {amount: 1999, currency: 'USD'} → "$19.99", ¥ without decimals. */
export function formatMoney(money: Money): string {
  const f = formatterFor(money.currency)
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2
  return f.format(money.amount / 10 ** digits)
}

/** Money times a quantity, still in minor units. */
export function multiply(money: Money, quantity: number): Money {
  return { amount: money.amount * quantity, currency: money.currency }
}

export type AddressLike = ShippingAddress

/** A postal address, one line per part, indented for a plain-text body. */
export function formatAddress(a: AddressLike, indent = '  '): string {
  const cityLine = [a.city, [a.region, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ')
  return [a.fullName, a.line1, a.line2, cityLine, a.country, a.phone ? `Phone: ${a.phone}` : undefined]
    .filter((l): l is string => Boolean(l))
    .map((l) => `${indent}${l}`)
    .join('\n')
}

export interface LineLike {
  sku: string
  name: string
  quantity: number
  unitPrice?: Money
}

/** "  2 × Mug (MUG-1) at $12.50 = $25.00", or without prices when the line has none. */
export function formatLines(lines: readonly LineLike[], indent = '  '): string {
  return lines
    .map((l) => {
      const item = `${indent}${l.quantity} × ${l.name} (${l.sku})`
      return l.unitPrice ? `${item} at ${formatMoney(l.unitPrice)} = ${formatMoney(multiply(l.unitPrice, l.quantity))}` : item
    })
    .join('\n')
}

/** Paragraphs joined by blank lines, empty ones left out. */
export function paragraphs(...parts: Array<string | undefined | false>): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join('\n\n')
}

export const SIGN_OFF = '— The Emporium team'
