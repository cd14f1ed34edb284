import { ApiError, toApiError } from './problem.ts'
import { session, type Tokens } from './session.ts'

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  body?: unknown
  /** Sent as `Idempotency-Key` (order placement, refunds). */
  idempotencyKey?: string
  /** Query parameters; undefined and empty values are left out. */
  query?: Record<string, string | number | boolean | undefined | null>
  signal?: AbortSignal
}

/**
 * Calls the API at the same origin. Adds the access token when signed in (refreshing it once
 * when it has expired), the guest cart id on cart calls when signed out, and turns any non-2xx
 * answer into an ApiError with the problem's detail and field errors.
 */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  if (!session.accessToken() && session.refreshToken()) await refresh()
  let res = await send(path, opts)
  if (res.status === 401 && session.refreshToken() && (await refresh())) res = await send(path, opts)
  if (!res.ok) throw await toApiError(res)
  if (path.startsWith('/api/cart')) rememberGuestCart(res)
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' }
  const token = session.accessToken()
  if (token) headers.authorization = `Bearer ${token}`
  else if (path.startsWith('/api/cart')) {
    const cartId = session.guestCartId()
    if (cartId) headers['x-cart-id'] = cartId
  }
  if (opts.body !== undefined) headers['content-type'] = 'application/json'
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey
  try {
    return await fetch(withQuery(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    })
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new ApiError(0, 'Offline', 'The shop cannot be reached. Check your connection and try again.', [], 'network')
  }
}

export function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

function rememberGuestCart(res: Response): void {
  if (session.accessToken()) return
  const id = res.headers.get('x-cart-id')
  if (id) session.setGuestCartId(id)
}

let refreshing: Promise<boolean> | undefined

/** Trades the refresh token for a new pair; one at a time, however many calls found it expired. */
function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = session.refreshToken()
    if (!refreshToken) return false
    try {
      const res = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ refreshToken }),
      })
      if (!res.ok) {
        if (res.status === 401) session.clear()
        return false
      }
      session.store((await res.json()) as Tokens)
      return true
    } catch {
      return false
    } finally {
      refreshing = undefined
    }
  })()
  return refreshing
}
