import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWorld, type World } from './gateway.fixtures.ts'
import { CSP_HEADER } from './security.ts'

const ALLOWED = 'https://shop.example.com'

describe('gateway CORS and security headers', () => {
  let world: World
  let closed: World
  beforeAll(async () => {
    world = await startWorld({ env: { CORS_ORIGINS: `${ALLOWED}, https://admin.example.com` } })
    closed = await startWorld()
  })
  afterAll(async () => {
    await world.close()
    await closed.close()
  })

  const preflight = (w: World, origin: string) =>
    fetch(w.at('/api/cart/items'), {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization, content-type' },
    })

  it('allows a preflight from a configured origin without reaching the service', async () => {
    const before = world.service('cart').received.length
    const res = await preflight(world, ALLOWED)
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED)
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH')
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization')
    expect(world.service('cart').received.length).toBe(before)
  })

  it('does not allow other origins', async () => {
    const res = await preflight(world, 'https://evil.example.com')
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    const get = await fetch(world.at('/api/products'), { headers: { origin: 'https://evil.example.com' } })
    expect(get.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('gives a configured origin read access to the answer and its useful headers', async () => {
    const res = await fetch(world.at('/api/products'), { headers: { origin: ALLOWED } })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED)
    expect(res.headers.get('access-control-expose-headers')).toContain('X-Request-Id')
    expect(res.headers.get('access-control-expose-headers')).toContain('RateLimit-Remaining')
  })

  it('allows no cross-origin access when no origin is configured', async () => {
    const res = await preflight(closed, ALLOWED)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    const get = await fetch(closed.at('/api/products'), { headers: { origin: ALLOWED } })
    expect(get.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('sets security headers on API answers, errors and the docs, with one CSP', async () => {
    for (const path of ['/api/products', '/api/nothing', '/docs', '/docs/json', '/health/live']) {
      const res = await fetch(world.at(path))
      expect(res.headers.get('content-security-policy'), path).toBe(CSP_HEADER)
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(res.headers.get('x-frame-options'), path).toBeTruthy()
      expect(res.headers.get('strict-transport-security'), path).toBeTruthy()
      expect(res.headers.get('referrer-policy'), path).toBeTruthy()
      expect(res.headers.get('x-powered-by'), path).toBeNull()
    }
    expect(CSP_HEADER).toContain("default-src 'self'")
    expect(CSP_HEADER).toContain("object-src 'none'")
    expect(CSP_HEADER).toContain("frame-ancestors 'none'")
  })
})
