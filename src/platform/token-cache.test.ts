import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { AuthUser, TokenVerifier } from './auth.ts'
import { Unauthorized } from './errors.ts'
import { cachingVerifier } from './token-cache.ts'

/** An unsigned JWT-shaped string with the given `exp` (seconds); the fake verifier trusts it. */
function tokenWithExp(exp: number | undefined): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'EdDSA' })}.${part({ sub: randomUUID(), ...(exp === undefined ? {} : { exp }) })}.sig`
}

function countingVerifier(): TokenVerifier & { calls: number } {
  const v = {
    calls: 0,
    async verify(token: string): Promise<AuthUser> {
      v.calls++
      if (token.startsWith('bad')) throw new Unauthorized('nope', 'invalid_token')
      return { id: randomUUID(), role: 'customer', email: 'a@b.c', sessionId: randomUUID() }
    },
  }
  return v
}

describe('cachingVerifier', () => {
  it('verifies a token once while it is fresh', async () => {
    let now = 1_000_000_000_000
    const inner = countingVerifier()
    const cached = cachingVerifier(inner, { now: () => now, maxAgeMs: 60_000 })
    const token = tokenWithExp(now / 1000 + 900)
    const first = await cached.verify(token)
    expect(await cached.verify(token)).toBe(first)
    expect(inner.calls).toBe(1)
    now += 61_000 // past maxAge
    await cached.verify(token)
    expect(inner.calls).toBe(2)
  })

  it('never trusts a cached token past its exp', async () => {
    let now = 1_000_000_000_000
    const inner = countingVerifier()
    const cached = cachingVerifier(inner, { now: () => now, maxAgeMs: 600_000 })
    const token = tokenWithExp(now / 1000 + 10)
    await cached.verify(token)
    now += 11_000
    await cached.verify(token)
    expect(inner.calls).toBe(2)
  })

  it('does not remember failures or tokens without exp', async () => {
    const inner = countingVerifier()
    const cached = cachingVerifier(inner)
    await expect(cached.verify('bad.token.here')).rejects.toThrow(Unauthorized)
    await expect(cached.verify('bad.token.here')).rejects.toThrow(Unauthorized)
    const noExp = tokenWithExp(undefined)
    await cached.verify(noExp)
    await cached.verify(noExp)
    expect(inner.calls).toBe(4)
  })

  it('drops the least recently used token when full', async () => {
    const inner = countingVerifier()
    const cached = cachingVerifier(inner, { maxEntries: 2 })
    const exp = Date.now() / 1000 + 900
    const [a, b, c] = [tokenWithExp(exp), tokenWithExp(exp), tokenWithExp(exp)]
    await cached.verify(a)
    await cached.verify(b)
    await cached.verify(a) // a is now the most recent
    await cached.verify(c) // evicts b
    expect(inner.calls).toBe(3)
    await cached.verify(a)
    expect(inner.calls).toBe(3)
    await cached.verify(b)
    expect(inner.calls).toBe(4)
  })
})
