import { decodeJwt } from 'jose'
import type { AuthUser, TokenVerifier } from './auth.ts'

interface Entry {
  user: AuthUser
  expiresAt: number
}

export interface TokenCacheOptions {
  /** Most tokens remembered; the least recently used goes first. */
  maxEntries?: number
  /** Longest a verified token is trusted without verifying it again (never past its `exp`). */
  maxAgeMs?: number
  now?: () => number
}

/**
 * Remembers verified tokens (keyed by the token string) until the earlier of their `exp` and
 * `maxAgeMs`, so a busy client costs one signature check per token, not one per request.
 * Failures are not remembered: they are verified (and refused) every time.
 */
export function cachingVerifier(inner: TokenVerifier, options: TokenCacheOptions = {}): TokenVerifier {
  const maxEntries = options.maxEntries ?? 10_000
  const maxAgeMs = options.maxAgeMs ?? 5 * 60_000
  const now = options.now ?? Date.now
  const entries = new Map<string, Entry>()

  return {
    async verify(token) {
      const hit = entries.get(token)
      if (hit !== undefined) {
        if (hit.expiresAt > now()) {
          // Map keeps insertion order: moving the entry to the end makes it the most recent.
          entries.delete(token)
          entries.set(token, hit)
          return hit.user
        }
        entries.delete(token)
      }
      const user = await inner.verify(token)
      const exp = decodeJwt(token).exp
      const expiresAt = Math.min(typeof exp === 'number' ? exp * 1000 : 0, now() + maxAgeMs)
      if (expiresAt > now()) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string)
        entries.set(token, { user, expiresAt })
      }
      return user
    },
  }
}
