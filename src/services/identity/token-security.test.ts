import { createLocalJWKSet, decodeProtectedHeader, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose'
import { v7 as uuidv7 } from 'uuid'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { pgliteServiceDb } from '../../platform/db/db.ts'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { call, loginAsAdmin, registerUser } from './identity.test-kit.ts'
import { SigningKeys } from './signing-keys.ts'

interface Jwks {
  keys: Array<Record<string, string>>
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

describe('access tokens and the JWKS', () => {
  let services: TestServices
  beforeEach(async () => {
    services = await startTestServices(['identity', 'notification'])
  })
  afterEach(async () => {
    await services.stop()
  })

  const me = (token: string) => call(services, 'GET', '/api/auth/me', { token })
  const jwks = async () => (await call(services, 'GET', '/.well-known/jwks.json')).json<Jwks>()

  async function storedPrivateKey() {
    const { rows } = await services.pglite.query<{ id: string; private_jwk: JWK }>(
      'SELECT id, private_jwk FROM identity.signing_keys ORDER BY created_at DESC LIMIT 1',
    )
    const row = rows[0]
    if (!row) throw new Error('no signing key')
    return { kid: row.id, key: await importJWK(row.private_jwk, 'EdDSA') }
  }

  function claimsOf(user: { user: { id: string; email: string } }, sid: string) {
    return { role: 'admin', email: user.user.email, sid, sub: user.user.id }
  }

  it('when the JWKS is fetched, then it lists public Ed25519 keys only, and they verify the tokens', async () => {
    const res = await call(services, 'GET', '/.well-known/jwks.json')
    expect(res.statusCode).toBe(200)
    const body = res.json<Jwks>()
    expect(body.keys).toHaveLength(1)
    expect(body.keys[0]).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: expect.any(String), alg: 'EdDSA', use: 'sig' })
    expect(res.body).not.toContain('"d"')
    const user = await registerUser(services)
    expect(decodeProtectedHeader(user.accessToken)).toMatchObject({ alg: 'EdDSA', kid: body.keys[0]?.kid })
    const { payload } = await jwtVerify(user.accessToken, createLocalJWKSet(body as never), { issuer: services.config.auth.issuer })
    expect(payload).toMatchObject({ sub: user.user.id, role: 'customer', email: user.email, sid: expect.any(String) })
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(services.config.auth.accessTokenTtlSeconds)
  })

  it('when a token says alg "none", then 401', async () => {
    const user = await registerUser(services)
    const now = Math.floor(Date.now() / 1000)
    const payload = { ...claimsOf(user, uuidv7()), iss: services.config.auth.issuer, iat: now, exp: now + 600 }
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`
    expect((await me(token)).statusCode).toBe(401)
    expect((await call(services, 'GET', '/api/users', { token })).statusCode).toBe(401)
  })

  it('when a token is signed by another Ed25519 key, then 401, with our kid or another', async () => {
    const user = await registerUser(services)
    const { privateKey } = await generateKeyPair('EdDSA')
    const realKid = (await jwks()).keys[0]?.kid ?? ''
    for (const kid of [realKid, uuidv7()]) {
      const token = await new SignJWT(claimsOf(user, uuidv7()))
        .setProtectedHeader({ alg: 'EdDSA', kid })
        .setIssuer(services.config.auth.issuer)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey)
      const res = await me(token)
      expect(res.statusCode).toBe(401)
      expect(res.json()).toMatchObject({ code: 'invalid_token' })
    }
  })

  it('when a token has expired, then 401 token_expired', async () => {
    const user = await registerUser(services)
    const { kid, key } = await storedPrivateKey()
    const now = Math.floor(Date.now() / 1000)
    const token = await new SignJWT({ role: 'customer', email: user.email, sid: uuidv7() })
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setSubject(user.user.id)
      .setIssuer(services.config.auth.issuer)
      .setIssuedAt(now - 1000)
      .setExpirationTime(now - 100)
      .sign(key)
    const res = await me(token)
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({ code: 'token_expired' })
  })

  it('when a token comes from another issuer, then 401 even with our key', async () => {
    const user = await registerUser(services)
    const { kid, key } = await storedPrivateKey()
    const token = await new SignJWT({ role: 'customer', email: user.email, sid: uuidv7() })
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setSubject(user.user.id)
      .setIssuer('someone-else')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key)
    expect((await me(token)).statusCode).toBe(401)
  })

  it('when the payload of a real token is tampered with, then 401', async () => {
    const user = await registerUser(services)
    const [header, payload, signature] = user.accessToken.split('.')
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>
    const forged = `${header}.${b64({ ...claims, role: 'admin' })}.${signature}`
    expect((await call(services, 'GET', '/api/users', { token: forged })).statusCode).toBe(401)
    // Change one whole data character: the last ones carry padding bits, so replacing them could decode to the same bytes.
    const sig = signature ?? ''
    const flipped = `${header}.${payload}.${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`
    expect((await me(flipped)).statusCode).toBe(401)
  })

  it('when the Authorization header is not a bearer token, then 401', async () => {
    const res = await services.get('identity').app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Basic abc' } })
    expect(res.statusCode).toBe(401)
    expect((await me('not-a-jwt')).statusCode).toBe(401)
  })

  it('when the signing key is rotated, then both keys are published and tokens of either verify', async () => {
    const admin = await loginAsAdmin(services)
    await services.pglite.query(`UPDATE identity.signing_keys SET created_at = now() - interval '400 days'`)
    // Another replica (or the next start) sees a stale key and makes a new one.
    const replica = new SigningKeys(pgliteServiceDb(services.pglite).db, services.config.auth)
    expect(await replica.ensureCurrent()).toBe(true)
    expect(await replica.ensureCurrent()).toBe(false)
    const session = JSON.parse(Buffer.from(admin.accessToken.split('.')[1] ?? '', 'base64url').toString()) as { sid: string }
    const claims = { sub: admin.user.id, role: 'admin', email: admin.user.email, sid: session.sid }
    const published = (await replica.jwks()).keys.map((k) => k.kid)
    expect(published).toHaveLength(2)
    expect(published).toContain(decodeProtectedHeader(admin.accessToken).kid)
    // The new key is published at once but signs only once services have had time to fetch it.
    const duringPropagation = await replica.sign(claims)
    expect(decodeProtectedHeader(duringPropagation).kid).toBe(decodeProtectedHeader(admin.accessToken).kid)
    await services.pglite.query(`UPDATE identity.signing_keys SET created_at = created_at - interval '1 minute' WHERE id = $1`, [published[0]])
    const newToken = await new SigningKeys(pgliteServiceDb(services.pglite).db, services.config.auth).sign(claims)
    expect(decodeProtectedHeader(newToken).kid).toBe(published[0])
    expect((await me(newToken)).statusCode).toBe(200)
    expect((await me(admin.accessToken)).statusCode).toBe(200)
  })
})
