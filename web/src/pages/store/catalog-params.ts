import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import type { SearchParams, Sort } from '../../api/catalog.ts'

export const PAGE_SIZE = 24

export const SORT_OPTIONS: { value: Sort; label: string }[] = [
  { value: 'relevance', label: 'Relevance' },
  { value: 'price_asc', label: 'Price: low to high' },
  { value: 'price_desc', label: 'Price: high to low' },
  { value: 'newest', label: 'Newest' },
]

export type ParamKey = 'q' | 'category' | 'brand' | 'minPrice' | 'maxPrice' | 'inStock' | 'sort' | 'page'
export type ParamChanges = Partial<Record<ParamKey, string | undefined>>

function int(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined
  const n = Number(value)
  return Number.isInteger(n) && n >= 0 ? n : undefined
}

/** The catalog's search state, read from the address bar so it can be shared and bookmarked. */
export function parseCatalogParams(params: URLSearchParams): SearchParams {
  const sort = params.get('sort')
  const page = int(params.get('page'))
  return {
    q: params.get('q')?.trim() || undefined,
    category: params.get('category') || undefined,
    brand: params.get('brand') || undefined,
    minPrice: int(params.get('minPrice')),
    maxPrice: int(params.get('maxPrice')),
    inStock: params.get('inStock') === 'true' || undefined,
    sort: SORT_OPTIONS.some((o) => o.value === sort) ? (sort as Sort) : undefined,
    page: page && page > 1 ? page : undefined,
    pageSize: PAGE_SIZE,
  }
}

/** A new query string with the changes applied; any change but the page starts again at page 1. */
export function withChanges(params: URLSearchParams, changes: ParamChanges): URLSearchParams {
  const next = new URLSearchParams(params)
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') next.delete(key)
    else next.set(key, value)
  }
  if (!('page' in changes)) next.delete('page')
  return next
}

export function hrefWith(params: URLSearchParams, changes: ParamChanges): string {
  const qs = withChanges(params, changes).toString()
  return qs ? `/products?${qs}` : '/products'
}

/** The parsed state and a way to change it (pushing a history entry). */
export function useCatalogParams() {
  const [searchParams, setSearchParams] = useSearchParams()
  const params = useMemo(() => parseCatalogParams(searchParams), [searchParams])
  const update = useCallback((changes: ParamChanges) => setSearchParams((prev) => withChanges(prev, changes)), [setSearchParams])
  return { searchParams, params, update }
}

/** "12.50" → 1250 minor units; undefined for blank; NaN for anything that is not an amount. */
export function dollarsToMinor(text: string): number | undefined {
  const t = text.trim()
  if (!t) return undefined
  if (!/^\d+(\.\d{0,2})?$/.test(t)) return Number.NaN
  return Math.round(Number(t) * 100)
}

export function minorToDollars(minor: number | undefined): string {
  if (minor === undefined) return ''
  return minor % 100 === 0 ? String(minor / 100) : (minor / 100).toFixed(2)
}
