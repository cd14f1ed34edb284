import { afterEach, describe, expect, it } from 'vitest'
import type { Kv } from '../../platform/kv/kv.ts'
import { MemoryKv } from '../../platform/kv/memory.ts'
import { startWorld, type World } from './gateway.fixtures.ts'

const LIMITS = { RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_AUTH_PER_MINUTE: '2' }

describe('gateway rate limits', () => {
  let world: World | undefined
  afterEach(async () => {
    await world?.close()
    world = undefined
  })

  const post = (w: World, path: string, headers: Record<string, string> = {}) =>
    fetch(w.at(path), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' })

  it('limits login per IP at the auth limit, with RateLimit-* headers and a 429 with Retry-After', async () => {
    world = await startWorld({ env: LIMITS })
    const first = await post(world, '/api/auth/login')
    expect(first.status).toBe(200)
    expect(first.headers.get('ratelimit-limit')).toBe('2')
    expect(first.headers.get('ratelimit-remaining')).toBe('1')
    const reset = Number(first.headers.get('ratelimit-reset'))
    expect(reset).toBeGreaterThan(0)
    expect(reset).toBeLessThanOrEqual(60)

    const second = await post(world, '/api/auth/login')
    expect(second.headers.get('ratelimit-remaining')).toBe('0')
    const seen = world.service('identity').received.length

    const third = await post(world, '/api/auth/login')
    expect(third.status).toBe(429)
    expect(third.headers.get('content-type')).toContain('application/problem+json')
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(third.headers.get('ratelimit-limit')).toBe('2')
    expect(third.headers.get('ratelimit-remaining')).toBe('0')
    expect(await third.json()).toMatchObject({ status: 429, code: 'rate_limited' })
    expect(world.service('identity').received.length).toBe(seen)

    // The other auth endpoints count on their own; other identity routes use the general limit.
    expect((await post(world, '/api/auth/register')).status).toBe(200)
    expect((await post(world, '/api/auth/forgot-password')).headers.get('ratelimit-limit')).toBe('2')
    const refresh = await post(world, '/api/auth/refresh')
    expect(refresh.status).toBe(200)
    expect(refresh.headers.get('ratelimit-limit')).toBe('3')
  })

  it('counts auth endpoints per client IP (behind a trusted proxy)', async () => {
    world = await startWorld({ env: { ...LIMITS, TRUST_PROXY: 'true' } })
    const from = (ip: string) => post(world as World, '/api/auth/login', { 'x-forwarded-for': ip })
    expect((await from('10.0.0.1')).status).toBe(200)
    expect((await from('10.0.0.1')).status).toBe(200)
    expect((await from('10.0.0.1')).status).toBe(429)
    expect((await from('10.0.0.2')).status).toBe(200)
    // The service sees the client's address, not the proxy's.
    const last = world.service('identity').received.at(-1)
    expect(last?.headers['x-forwarded-for']).toBe('10.0.0.2')
  })

  it('limits everything else per client: the token subject when signed in, else the IP', async () => {
    world = await startWorld({ env: LIMITS })
    const w = world
    const get = (headers: Record<string, string> = {}) => fetch(w.at('/api/products'), { headers })
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(200)
    const over = await get()
    expect(over.status).toBe(429)
    expect(over.headers.get('retry-after')).toBeTruthy()

    const alice = { authorization: `Bearer ${await w.tokens.sign()}` }
    const bob = { authorization: `Bearer ${await w.tokens.sign()}` }
    for (let i = 0; i < 3; i++) expect((await get(alice)).status).toBe(200)
    expect((await get(alice)).status).toBe(429)
    const bobs = await get(bob)
    expect(bobs.status).toBe(200)
    expect(bobs.headers.get('ratelimit-remaining')).toBe('2')
  })

  it('does not limit health, metrics or docs', async () => {
    world = await startWorld({ env: { RATE_LIMIT_PER_MINUTE: '1' } })
    await fetch(world.at('/api/products'))
    expect((await fetch(world.at('/api/products'))).status).toBe(429)
    for (const path of ['/health/live', '/health/ready', '/metrics', '/docs/json', '/docs']) {
      const res = await fetch(world.at(path))
      expect(res.status, path).toBe(200)
      expect(res.headers.get('ratelimit-limit'), path).toBeNull()
    }
  })

  it('shares the counts between gateway replicas on one kv', async () => {
    world = await startWorld({ env: LIMITS })
    const other = await world.startAnotherGateway()
    expect((await fetch(world.at('/api/cart'))).status).toBe(200)
    expect((await fetch(`${other.url}/api/cart`)).status).toBe(200)
    expect((await fetch(world.at('/api/cart'))).headers.get('ratelimit-remaining')).toBe('0')
    const over = await fetch(`${other.url}/api/cart`)
    expect(over.status).toBe(429)
  })

  it('lets traffic through when the kv is down', async () => {
    const broken: Kv = Object.assign(new MemoryKv(), {
      incr: async () => {
        throw new Error('kv down')
      },
    })
    world = await startWorld({ env: LIMITS, kv: broken })
    for (let i = 0; i < 5; i++) {
      const res = await fetch(world.at('/api/products'))
      expect(res.status).toBe(200)
      expect(res.headers.get('ratelimit-limit')).toBeNull()
    }
  })
})
