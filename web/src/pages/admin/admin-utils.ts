import { useCallback } from 'react'
import { useSearchParams } from 'react-router'

/**
 * A list screen's filters and page, kept in the address so that Back, reload and shared links
 * show the same list. Setting any filter other than `page` goes back to page 1.
 */
export function useListState<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams()
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>
  const page = Math.max(1, Number(params.get('page')) || 1)
  const set = useCallback(
    (changes: Partial<Record<K | 'page', string | number>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev)
          for (const [k, v] of Object.entries(changes)) {
            if (v === '' || v === undefined || v === null || (k === 'page' && Number(v) <= 1)) next.delete(k)
            else next.set(k, String(v))
          }
          if (!('page' in changes)) next.delete('page')
          return next
        },
        { replace: false },
      )
    },
    [setParams],
  )
  return { values, page, set }
}

const AMOUNT = /^\s*(\d{1,9})(?:[.,](\d{0,2}))?\s*$/

/** "12.5" → 1250 (integer minor units, two decimals); undefined when it is not an amount. */
export function toMinor(text: string): number | undefined {
  const m = AMOUNT.exec(text.replace(/^\s*\$/, ''))
  if (!m) return undefined
  const whole = Number(m[1])
  const cents = Number((m[2] ?? '').padEnd(2, '0'))
  return whole * 100 + cents
}

/** 1250 → "12.50", for an input holding dollars. */
export function fromMinor(amount: number | undefined | null): string {
  if (amount === undefined || amount === null) return ''
  return (amount / 100).toFixed(2)
}

/** Today in UTC as yyyy-mm-dd, moved by a number of days. */
export function utcDate(offsetDays = 0): string {
  const d = new Date()
  d.setUTCDate(d.getUTCDate() + offsetDays)
  return d.toISOString().slice(0, 10)
}

/** A fresh Idempotency-Key. */
export function newKey(): string {
  return crypto.randomUUID()
}
