import { randomUUID } from 'node:crypto'
import { generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Echo, startWorld, type World } from './gateway.fixtures.ts'
import { limitPolicyOf } from './guard.ts'

describe('gateway token check', () => {
  let world: World
  beforeAll(async () => {
    world = await startWorld()
  })
  afterAll(() => world.close())

  const received = () => world.service('catalog').received.length

  async function expectRefused(authorization: string, code = 'invalid_token') {
    const before = received()
    const res = await fetch(world.at('/api/products'), { headers: { authorization } })
    expect(res.status).toBe(401)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(await res.json()).toMatchObject({ status: 401, code })
    expect(received()).toBe(before)
  }

  it('lets a request without a token through', async () => {
    const res = await fetch(world.at('/api/products'))
    expect(res.status).toBe(200)
  })

  it('lets a valid token through, with the Authorization header passed on', async () => {
    const token = await world.tokens.sign({ role: 'admin' })
    for (let i = 0; i < 2; i++) {
      const res = await fetch(world.at('/api/products'), { headers: { authorization: `Bearer ${token}` } })
      expect(res.status).toBe(200)
      expect(((await res.json()) as Echo).headers.authorization).toBe(`Bearer ${token}`)
    }
  })

  it('refuses an expired token before the service sees it', async () => {
    const token = await world.tokens.sign({ expiresIn: Math.floor(Date.now() / 1000) - 60 })
    await expectRefused(`Bearer ${token}`, 'token_expired')
  })

  it('refuses a tampered token', async () => {
    const token = await world.tokens.sign({ role: 'customer' })
    const [header, payload, signature] = token.split('.') as [string, string, string]
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')
    await expectRefused(`Bearer ${header}.${forged}.${signature}`)
  })

  it('refuses an unsigned (alg: none) token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')
    const now = Math.floor(Date.now() / 1000)
    const payload = Buffer.from(
      JSON.stringify({ sub: randomUUID(), role: 'admin', email: 'a@b.c', sid: randomUUID(), iss: world.config.auth.issuer, exp: now + 600 }),
    ).toString('base64url')
    await expectRefused(`Bearer ${header}.${payload}.`)
  })

  it('refuses a token signed with another key, or for another issuer', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
    const foreign = await new SignJWT({ role: 'admin', email: 'a@b.c', sid: randomUUID() })
      .setProtectedHeader({ alg: 'EdDSA', kid: world.tokens.jwks.keys[0]?.kid ?? 'k' })
      .setSubject(randomUUID())
      .setIssuer(world.config.auth.issuer)
      .setExpirationTime('5m')
      .sign(privateKey)
    await expectRefused(`Bearer ${foreign}`)
    await expectRefused(`Bearer ${await world.tokens.sign({ issuer: 'someone-else' })}`)
  })

  it('refuses garbage and non-bearer schemes', async () => {
    await expectRefused('Bearer not-a-jwt')
    await expectRefused('Basic dXNlcjpwYXNz')
  })

  it('does not look at tokens on operational routes', async () => {
    const res = await fetch(world.at('/health/live'), { headers: { authorization: 'Bearer nonsense' } })
    expect(res.status).toBe(200)
  })
})

describe('limitPolicyOf', () => {
  it('exempts health, metrics and docs, limits auth routes per their config, and the rest per client', () => {
    expect(limitPolicyOf('/health/ready', {})).toBe('none')
    expect(limitPolicyOf('/metrics', {})).toBe('none')
    expect(limitPolicyOf('/docs', {})).toBe('none')
    expect(limitPolicyOf('/docs/static/*', {})).toBe('none')
    expect(limitPolicyOf('/docsx', {})).toBe('client')
    expect(limitPolicyOf('/api/auth/login', { gatewayLimit: 'auth' })).toBe('auth')
    expect(limitPolicyOf('/api/products/*', {})).toBe('client')
    expect(limitPolicyOf(undefined, undefined)).toBe('client')
  })
})
