/**
 * Pure rules of identity: password strength, one-time codes, token lifetimes, throttle keys.
 * No I/O; randomness and hashing come from node:crypto.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import { BadRequest, type FieldError } from '../../platform/errors.ts'
import { JWKS_REFETCH_COOLDOWN_MS } from '../../platform/auth.ts'

export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_MAX_LENGTH = 256
export const CODE_TTL_MINUTES = 30
export const CODE_MAX_ATTEMPTS = 5
/** A new code can be asked for this often (resend verification, forgot password). */
export const CODE_RESEND_SECONDS = 60
export const MAX_ADDRESSES_PER_USER = 20

/** Emails are compared trimmed and lower-cased, and stored that way. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** What a password lacks, in words a person can act on; empty when it is strong enough. */
export function passwordWeaknesses(password: string): string[] {
  const problems: string[] = []
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters long`)
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters long`)
  if (!/[a-z]/.test(password)) problems.push('must contain a lower-case letter')
  if (!/[A-Z]/.test(password)) problems.push('must contain an upper-case letter')
  if (!/[0-9]/.test(password)) problems.push('must contain a digit')
  return problems
}

/** Throws a 400 `weak_password` with one `errors[]` entry per weakness, on `path`. */
export function assertStrongPassword(password: string, path = 'password'): void {
  const problems = passwordWeaknesses(password)
  if (problems.length === 0) return
  const errors: FieldError[] = problems.map((message) => ({ path, message: `The password ${message}.` }))
  throw new BadRequest('The password is too weak.', errors, 'weak_password')
}

/** A uniformly random 6-digit code, leading zeros kept. */
export function generateCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0')
}

export function codeExpiry(now: Date): Date {
  return new Date(now.getTime() + CODE_TTL_MINUTES * 60_000)
}

export type CodeState = 'usable' | 'used' | 'expired' | 'exhausted'

export function codeState(code: { usedAt: Date | null; expiresAt: Date; attempts: number }, now: Date): CodeState {
  if (code.usedAt) return 'used'
  if (code.expiresAt.getTime() <= now.getTime()) return 'expired'
  if (code.attempts >= CODE_MAX_ATTEMPTS) return 'exhausted'
  return 'usable'
}

/** SHA-256, hex. For high-entropy secrets (refresh tokens) and, salted with the user id, for codes. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

export function hashCode(userId: string, code: string): string {
  return sha256(`${userId}:${code}`)
}

/** Compares two hex digests in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex')
  const y = Buffer.from(b, 'hex')
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y)
}

/** An opaque refresh token: 256 random bits, base64url. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url')
}

export function refreshTokenExpiry(now: Date, ttlDays: number): Date {
  return new Date(now.getTime() + ttlDays * 86_400_000)
}

export function isExpired(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() <= now.getTime()
}

/** A signing key is replaced once it is older than the rotation period. */
export function signingKeyIsStale(createdAt: Date, now: Date, rotationDays: number): boolean {
  return now.getTime() - createdAt.getTime() >= rotationDays * 86_400_000
}

/** Kv keys of the failed-login counters (and the locks set when they reach their limit). */
export function loginThrottleKeys(email: string, ip: string) {
  const account = `identity:login:account:${normalizeEmail(email)}`
  const address = `identity:login:ip:${ip}`
  return {
    account: { counter: `${account}:failures`, lock: `${account}:lock` },
    ip: { counter: `${address}:failures`, lock: `${address}:lock` },
  }
}

/** Whole seconds until `untilMs`, at least 1: the Retry-After of a throttled login. */
export function retryAfterSeconds(untilMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((untilMs - nowMs) / 1000))
}

/** `%` and `_` match literally in a user's search text. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/**
 * A service that fetched the key set just before a rotation learns the new key on its next
 * refetch, which an unknown `kid` triggers at most every JWKS_REFETCH_COOLDOWN_MS: a new key
 * starts signing only after twice that.
 */
export const KEY_PROPAGATION_MS = 2 * JWKS_REFETCH_COOLDOWN_MS

/** `keys` newest first. */
export function signingKeyOf<K extends { createdAt: Date }>(keys: K[], now: number): K | undefined {
  return keys.find((k) => now - k.createdAt.getTime() >= KEY_PROPAGATION_MS) ?? keys[0]
}
