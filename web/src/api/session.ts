/**
 * Where the shopper's credentials live in the browser.
 *
 * - Both tokens are kept in sessionStorage, so a reload keeps the person signed in and they are
 *   gone when the tab closes. The access token lives 15 minutes; the refresh token is rotated on
 *   every use, and reusing an old one revokes the whole session. Keeping the access token too
 *   means a reload does not spend a refresh: a person reloading while a refresh is under way
 *   would otherwise present the old refresh token next time and be signed out.
 * - No token is ever put in localStorage.
 * - The guest cart id is kept in localStorage so a guest's cart survives closing the tab,
 *   as shoppers expect. It is not a credential for any account: it only names a guest cart,
 *   and it is dropped once that cart merges at sign-in.
 */
const ACCESS_KEY = 'emporium.accessToken'
const REFRESH_KEY = 'emporium.refreshToken'
const CART_KEY = 'emporium.cartId'
/** An access token this close to its expiry is treated as expired already. */
const EXPIRY_MARGIN_MS = 30_000

let accessToken: string | undefined = storedAccessToken()
const listeners = new Set<() => void>()

export interface Tokens {
  accessToken: string
  refreshToken: string
  /** Seconds the access token lives. */
  expiresIn: number
}

export const session = {
  accessToken(): string | undefined {
    if (accessToken && !storedAccessToken()) accessToken = undefined // expired
    return accessToken
  },
  refreshToken: (): string | undefined => sessionStorage.getItem(REFRESH_KEY) ?? undefined,
  signedIn: (): boolean => accessToken !== undefined || sessionStorage.getItem(REFRESH_KEY) !== null,

  store(tokens: Tokens): void {
    accessToken = tokens.accessToken
    const expiresAt = Date.now() + tokens.expiresIn * 1000
    sessionStorage.setItem(ACCESS_KEY, JSON.stringify({ token: tokens.accessToken, expiresAt }))
    sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken)
    notify()
  },

  clear(): void {
    accessToken = undefined
    sessionStorage.removeItem(ACCESS_KEY)
    sessionStorage.removeItem(REFRESH_KEY)
    notify()
  },

  guestCartId: (): string | undefined => localStorage.getItem(CART_KEY) ?? undefined,
  setGuestCartId(id: string | undefined): void {
    if (id) localStorage.setItem(CART_KEY, id)
    else localStorage.removeItem(CART_KEY)
  },

  /** Called whenever the person signs in or out (including a refresh that failed). */
  subscribe(fn: () => void): () => void {
    listeners.add(fn)
    return () => listeners.delete(fn)
  },
}

function notify(): void {
  for (const fn of listeners) fn()
}

/** The stored access token while it is still good for a while. */
function storedAccessToken(): string | undefined {
  try {
    const stored = JSON.parse(sessionStorage.getItem(ACCESS_KEY) ?? 'null') as { token: string; expiresAt: number } | null
    return stored && stored.expiresAt - EXPIRY_MARGIN_MS > Date.now() ? stored.token : undefined
  } catch {
    return undefined
  }
}
