import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../../api/problem.ts'
import type { Cart } from '../../api/cart.ts'
import { quoteShipping } from '../../api/orders.ts'

/** The value once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return settled
}

/** Live shipping quotes for the cart's sellable lines to this country and postal code; undefined until both are known. */
export function useShippingQuotes(cart: Cart | undefined, country: string, postalCode: string) {
  const items = (cart?.items ?? []).filter((l) => l.sellable).map((l) => ({ variantId: l.variantId, quantity: l.quantity }))
  const ready = items.length > 0 && country !== '' && postalCode.trim() !== ''
  const query = useQuery({
    queryKey: ['checkout', 'quote', country, postalCode.trim(), items],
    queryFn: () => quoteShipping({ country, postalCode: postalCode.trim() }, items),
    enabled: ready,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  })
  return ready ? query : undefined
}

/**
 * One Idempotency-Key per checkout attempt. The same submission retried after the shop could
 * not be reached (or failed on its side, or was still busy) keeps its key, so an order that did
 * go through is not placed twice; any other answer, or a changed submission, starts a new attempt.
 */
export function useAttemptKey() {
  const last = useRef<{ key: string; fingerprint: string; retryable: boolean } | null>(null)
  const keyFor = useCallback((fingerprint: string): string => {
    const prev = last.current
    if (prev && prev.retryable && prev.fingerprint === fingerprint) return prev.key
    const key = crypto.randomUUID()
    last.current = { key, fingerprint, retryable: false }
    return key
  }, [])
  const settled = useCallback((error: unknown) => {
    if (!last.current) return
    last.current.retryable =
      error !== undefined &&
      (!(error instanceof ApiError) || error.status === 0 || error.status >= 500 || error.code === 'idempotency_request_in_progress')
  }, [])
  return { keyFor, settled }
}
