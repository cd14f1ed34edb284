import { describe, expect, it } from 'vitest'
import { AppError } from '../../platform/errors.ts'
import {
  KEY_PROPAGATION_MS,
  signingKeyOf,
  assertStrongPassword,
  CODE_MAX_ATTEMPTS,
  codeExpiry,
  codeState,
  generateCode,
  hashCode,
  isExpired,
  likePattern,
  loginThrottleKeys,
  newRefreshToken,
  normalizeEmail,
  passwordWeaknesses,
  refreshTokenExpiry,
  retryAfterSeconds,
  sameDigest,
  sha256,
  signingKeyIsStale,
} from './identity.rules.ts'

describe('identity.rules', () => {
  describe('passwords', () => {
    it('when a password has 8+ characters with upper, lower and digit, then it is strong enough', () => {
      expect(passwordWeaknesses('Abcdefg1')).toEqual([])
      expect(() => assertStrongPassword('Abcdefg1')).not.toThrow()
    })

    it('when a password lacks something, then each lack is named', () => {
      expect(passwordWeaknesses('abc')).toHaveLength(3)
      expect(passwordWeaknesses('abcdefgh1')).toEqual(['must contain an upper-case letter'])
      expect(passwordWeaknesses('ABCDEFGH1')).toEqual(['must contain a lower-case letter'])
      expect(passwordWeaknesses('Abcdefghi')).toEqual(['must contain a digit'])
      expect(passwordWeaknesses(`A1${'a'.repeat(300)}`)).toEqual(['must be at most 256 characters long'])
    })

    it('when a weak password is asserted, then a 400 weak_password lists errors on the given path', () => {
      try {
        assertStrongPassword('short', 'newPassword')
        expect.unreachable()
      } catch (err) {
        expect(err).toBeInstanceOf(AppError)
        const e = err as AppError
        expect([e.status, e.code]).toEqual([400, 'weak_password'])
        expect(e.errors?.map((x) => x.path)).toEqual(['newPassword', 'newPassword', 'newPassword'])
      }
    })
  })

  it('when an email is normalized, then it is trimmed and lower-cased', () => {
    expect(normalizeEmail('  Ada@Example.COM ')).toBe('ada@example.com')
  })

  describe('one-time codes', () => {
    it('when codes are generated, then they are six digits, leading zeros kept, and vary', () => {
      const codes = Array.from({ length: 500 }, () => generateCode())
      expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true)
      expect(new Set(codes).size).toBeGreaterThan(490)
    })

    it('when a code is issued, then it expires 30 minutes later', () => {
      const now = new Date('2030-01-01T00:00:00Z')
      expect(codeExpiry(now).toISOString()).toBe('2030-01-01T00:30:00.000Z')
    })

    it('when a code is used, expired or out of tries, then it is not usable', () => {
      const now = new Date('2030-01-01T00:10:00Z')
      const base = { usedAt: null, expiresAt: new Date('2030-01-01T00:30:00Z'), attempts: 0 }
      expect(codeState(base, now)).toBe('usable')
      expect(codeState({ ...base, attempts: CODE_MAX_ATTEMPTS - 1 }, now)).toBe('usable')
      expect(codeState({ ...base, attempts: CODE_MAX_ATTEMPTS }, now)).toBe('exhausted')
      expect(codeState({ ...base, usedAt: now }, now)).toBe('used')
      expect(codeState(base, new Date('2030-01-01T00:30:00Z'))).toBe('expired')
    })

    it("when a code is hashed, then the hash depends on the user, and digests compare exactly", () => {
      expect(hashCode('u1', '123456')).not.toBe(hashCode('u2', '123456'))
      expect(sameDigest(hashCode('u1', '123456'), hashCode('u1', '123456'))).toBe(true)
      expect(sameDigest(hashCode('u1', '123456'), hashCode('u1', '123457'))).toBe(false)
      expect(sameDigest('', '')).toBe(false)
      expect(sameDigest(sha256('a'), 'abcd')).toBe(false)
    })
  })

  describe('tokens and keys', () => {
    it('when a refresh token is made, then it is 256 random bits in base64url', () => {
      const token = newRefreshToken()
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(Buffer.from(token, 'base64url')).toHaveLength(32)
      expect(newRefreshToken()).not.toBe(token)
    })

    it('when a refresh token expiry is computed, then it is ttl days later and expires at that instant', () => {
      const now = new Date('2030-01-01T00:00:00Z')
      const expiry = refreshTokenExpiry(now, 30)
      expect(expiry.toISOString()).toBe('2030-01-31T00:00:00.000Z')
      expect(isExpired(expiry, new Date('2030-01-30T23:59:59Z'))).toBe(false)
      expect(isExpired(expiry, expiry)).toBe(true)
    })

    it('when the newest signing key reaches the rotation age, then it is stale', () => {
      const made = new Date('2030-01-01T00:00:00Z')
      expect(signingKeyIsStale(made, new Date('2030-03-31T23:59:59Z'), 90)).toBe(false)
      expect(signingKeyIsStale(made, new Date('2030-04-01T00:00:00Z'), 90)).toBe(true)
    })
  })

  describe('throttling and search', () => {
    it('when throttle keys are made, then the account key ignores case and the IP key is separate', () => {
      const a = loginThrottleKeys(' Ada@Example.com', '10.0.0.1')
      const b = loginThrottleKeys('ada@example.com', '10.0.0.2')
      expect(a.account).toEqual(b.account)
      expect(a.ip).not.toEqual(b.ip)
      expect(a.account.counter).not.toBe(a.account.lock)
    })

    it('when a Retry-After is computed, then it is whole seconds, at least 1', () => {
      expect(retryAfterSeconds(10_500, 0)).toBe(11)
      expect(retryAfterSeconds(100, 200)).toBe(1)
    })

    it('when search text has LIKE wildcards, then they are escaped', () => {
      expect(likePattern('a%b_c\\')).toBe('%a\\%b\\_c\\\\%')
    })
  })

  describe('key rotation', () => {
    const at = (msAgo: number, now: number) => ({ kid: `k${msAgo}`, createdAt: new Date(now - msAgo) })

    it('when a key was just made, then the previous key keeps signing until the new one has propagated', () => {
      const now = 1_000_000_000
      const fresh = at(1_000, now)
      const previous = at(90 * 86_400_000, now)
      expect(signingKeyOf([fresh, previous], now)).toBe(previous)
      expect(signingKeyOf([fresh, previous], now + KEY_PROPAGATION_MS)).toBe(fresh)
    })

    it('when there is only one key, then it signs at once (the first start)', () => {
      const only = at(0, 5)
      expect(signingKeyOf([only], 5)).toBe(only)
      expect(signingKeyOf([], 5)).toBeUndefined()
    })
  })
})
