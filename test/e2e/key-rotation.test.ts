import { decodeProtectedHeader } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JWKS_REFETCH_COOLDOWN_MS } from '../../src/platform/auth.ts'
import { signingKeysFor } from '../../src/services/identity/signing-keys.ts'
import { startTestServices, type TestServices } from '../support/services.ts'

let s: TestServices

beforeAll(async () => {
  s = await startTestServices(['identity', 'notification'])
})
afterAll(() => s.stop())

async function login(email: string, password: string): Promise<string> {
  const res = await s.get('identity').app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
  expect(res.statusCode).toBe(200)
  return res.json().accessToken
}

/** The notification service verifies tokens from identity's published JWKS, over HTTP, cached. */
async function inboxStatus(token: string): Promise<number> {
  const res = await s.get('notification').app.inject({ method: 'GET', url: '/api/notifications', headers: { authorization: `Bearer ${token}` } })
  return res.statusCode
}

describe('signing key rotation across services', () => {
  it('a new key is published before it signs, so services that cached the old key set keep accepting every token', async () => {
    const email = 'rotation@example.com'
    const password = 'R0tateKeys'
    const reg = await s.get('identity').app.inject({ method: 'POST', url: '/api/auth/register', payload: { email, password, firstName: 'Ro', lastName: 'Tate' } })
    expect(reg.statusCode).toBe(201)
    const before = reg.json().accessToken as string
    expect(await inboxStatus(before)).toBe(200)
    const fetchedAt = Date.now()

    // The key is due: identity makes a new one.
    await s.pglite.query(`UPDATE identity.signing_keys SET created_at = now() - interval '400 days'`)
    const keys = signingKeysFor(s.get('identity').ctx.db, s.config.auth)
    expect(await keys.ensureCurrent()).toBe(true)
    const { keys: published } = await keys.jwks()
    const [newKid, oldKid] = published.map((k) => k.kid)

    const during = await login(email, password)
    expect(decodeProtectedHeader(during).kid).toBe(oldKid)
    expect(await inboxStatus(during)).toBe(200)

    // Propagation time passes; the new key starts signing. The service, which last fetched the
    // key set before the rotation, meets an unknown kid and fetches it again.
    await s.pglite.query(`UPDATE identity.signing_keys SET created_at = created_at - interval '1 minute' WHERE id = $1`, [newKid])
    await keys.ensureCurrent()
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, fetchedAt + JWKS_REFETCH_COOLDOWN_MS + 200 - Date.now())))
    const after = await login(email, password)
    expect(decodeProtectedHeader(after).kid).toBe(newKid)
    expect(await inboxStatus(after)).toBe(200)
    expect(await inboxStatus(before)).toBe(200)
  }, 30_000)
})
