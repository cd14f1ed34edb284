import type { Money } from './api/types.ts'

const formatters = new Map<string, Intl.NumberFormat>()

/** Integer minor units to a price people read, e.g. {amount: 1999, currency: 'USD'} → $19.99. */
export function formatMoney(money: Money | undefined | null): string {
  if (!money) return '—'
  let f = formatters.get(money.currency)
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency: money.currency })
    formatters.set(money.currency, f)
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2
  return f.format(money.amount / 10 ** digits)
}

export function formatDate(iso: string | undefined | null): string {
  if (!iso) return '—'
  return new Date(iso).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
}

export function formatDateTime(iso: string | undefined | null): string {
  if (!iso) return '—'
  return new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC'
}

/** `payment_declined` → `Payment declined`. */
export function humanize(code: string): string {
  const s = code.replaceAll('_', ' ')
  return s.charAt(0).toUpperCase() + s.slice(1)
}
