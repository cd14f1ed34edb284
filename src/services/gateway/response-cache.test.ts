import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWorld, type World } from './gateway.fixtures.ts'
import { MAX_ENTRY_BYTES, ResponseCache, sharedMaxAge } from './response-cache.ts'

const PUBLIC = { 'cache-control': 'public, max-age=10', 'content-type': 'application/json', etag: '"a"' }

describe('response cache rules', () => {
  it('keeps only answers marked public with a positive max-age (s-maxage wins)', () => {
    expect(sharedMaxAge({ 'cache-control': 'public, max-age=5' })).toBe(5)
    expect(sharedMaxAge({ 'cache-control': 'public, max-age=5, s-maxage=30' })).toBe(30)
    expect(sharedMaxAge({ 'cache-control': 'max-age=5' })).toBeUndefined()
    expect(sharedMaxAge({ 'cache-control': 'public, no-cache' })).toBeUndefined()
    expect(sharedMaxAge({ 'cache-control': 'private, no-store' })).toBeUndefined()
    expect(sharedMaxAge({ 'cache-control': 'public, max-age=0' })).toBeUndefined()
    expect(sharedMaxAge({})).toBeUndefined()
  })

  it('serves an entry until its max-age passes', () => {
    let now = 1_000
    const cache = new ResponseCache(10, () => now)
    expect(cache.store('/p', 200, PUBLIC, Buffer.from('{}'))).toBe(true)
    now += 9_999
    expect(cache.lookup('/p')?.body.toString()).toBe('{}')
    now += 1
    expect(cache.lookup('/p')).toBeUndefined()
  })

  it('refuses errors, Vary, Set-Cookie and bodies over the entry limit', () => {
    const cache = new ResponseCache(10)
    expect(cache.store('/a', 404, PUBLIC, Buffer.from('{}'))).toBe(false)
    expect(cache.store('/b', 200, { ...PUBLIC, vary: 'accept-language' }, Buffer.from('{}'))).toBe(false)
    expect(cache.store('/c', 200, { ...PUBLIC, 'set-cookie': ['a=b'] }, Buffer.from('{}'))).toBe(false)
    expect(cache.store('/d', 200, PUBLIC, Buffer.alloc(MAX_ENTRY_BYTES + 1))).toBe(false)
    expect(cache.size).toBe(0)
  })

  it('evicts the oldest entry past its size, and keeps nothing when sized 0', () => {
    const cache = new ResponseCache(2)
    for (const key of ['/1', '/2', '/3']) cache.store(key, 200, PUBLIC, Buffer.from(key))
    expect(cache.lookup('/1')).toBeUndefined()
    expect(cache.lookup('/3')?.body.toString()).toBe('/3')
    const off = new ResponseCache(0)
    expect(off.store('/1', 200, PUBLIC, Buffer.from('x'))).toBe(false)
  })
})

describe('gateway cache of public answers', () => {
  let world: World
  beforeAll(async () => {
    world = await startWorld()
  })
  afterAll(() => world.close())

  const get = (path: string, headers: Record<string, string> = {}) => fetch(world.at(path), { headers })

  it('when a service marks an answer public, then the next anonymous GET is served by the gateway with Age', async () => {
    const first = await get('/api/products/cacheable/one')
    expect(first.headers.get('x-cache')).toBe('MISS')
    const body = await first.json()
    const second = await get('/api/products/cacheable/one')
    expect(second.status).toBe(200)
    expect(second.headers.get('x-cache')).toBe('HIT')
    expect(second.headers.get('age')).toMatch(/^\d+$/)
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'))
    expect(second.headers.get('content-type')).toMatch(/application\/json/)
    expect(second.headers.get('x-request-id')).toBeTruthy()
    expect(await second.json()).toEqual(body)
  })

  it('answers a matching If-None-Match with 304 from the cache', async () => {
    const first = await get('/api/products/cacheable/etag')
    const etag = first.headers.get('etag') ?? ''
    // Not fetch(): it adds `Cache-Control: no-cache` to conditional requests, which rightly goes to the service.
    const again = await request(world.at('/api/products/cacheable/etag'), { headers: { 'if-none-match': etag } })
    expect(again.statusCode).toBe(304)
    expect(again.headers['x-cache']).toBe('HIT')
    expect(await again.body.text()).toBe('')
  })

  it('never serves or stores for a request with credentials, a private answer, or a client asking no-cache', async () => {
    const token = await world.tokens.sign()
    const auth = { authorization: `Bearer ${token}` }
    const a = (await (await get('/api/products/cacheable/auth', auth)).json()) as { served: number }
    const b = (await (await get('/api/products/cacheable/auth', auth)).json()) as { served: number }
    expect(b.served).toBe(a.served + 1)

    const cc = encodeURIComponent('private, max-age=60')
    await get(`/api/products/cacheable/private?cc=${cc}`)
    expect((await get(`/api/products/cacheable/private?cc=${cc}`)).headers.get('x-cache')).toBeNull()

    await get('/api/products/cacheable/reload')
    const reload = await get('/api/products/cacheable/reload', { 'cache-control': 'no-cache' })
    expect(reload.headers.get('x-cache')).toBe('MISS')
  })

  it('when max-age has passed, then the service is asked again', async () => {
    const cc = encodeURIComponent('public, max-age=1')
    const first = (await (await get(`/api/products/cacheable/short?cc=${cc}`)).json()) as { served: number }
    await new Promise((r) => setTimeout(r, 1_100))
    const later = (await (await get(`/api/products/cacheable/short?cc=${cc}`)).json()) as { served: number }
    expect(later.served).toBeGreaterThan(first.served)
  })
})

describe('gateway cache turned off', () => {
  it('with GATEWAY_CACHE_ENTRIES=0, every request reaches the service', async () => {
    const world = await startWorld({ env: { GATEWAY_CACHE_ENTRIES: '0' } })
    try {
      const a = (await (await fetch(world.at('/api/products/cacheable/x'))).json()) as { served: number }
      const res = await fetch(world.at('/api/products/cacheable/x'))
      expect(res.headers.get('x-cache')).toBeNull()
      expect(((await res.json()) as { served: number }).served).toBe(a.served + 1)
    } finally {
      await world.close()
    }
  })
})
