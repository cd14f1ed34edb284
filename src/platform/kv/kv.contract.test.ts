import { Redis } from 'ioredis'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestKeyPrefix } from '../../../test/support/redis.ts'
import { serversAvailable } from '../../../test/support/servers.ts'
import { eventually } from '../../../test/support/eventually.ts'
import type { Kv } from './kv.ts'
import { MemoryKv } from './memory.ts'
import { RedisKv } from './redis.ts'

/** One store per test, and what removes every trace of it. */
interface Store {
  kv: Kv
  cleanup(): Promise<void>
}

const redisUp = await serversAvailable('redis')

const implementations: Array<{ name: Kv['kind']; available: boolean; open(): Store }> = [
  {
    name: 'memory',
    available: true,
    open() {
      const kv = new MemoryKv('test:')
      return { kv, cleanup: () => kv.close() }
    },
  },
  {
    name: 'redis',
    available: redisUp,
    open() {
      const keys = createTestKeyPrefix('kv')
      const kv = new RedisKv(keys.url, keys.prefix)
      return {
        kv,
        async cleanup() {
          await kv.close()
          await keys.cleanup()
        },
      }
    },
  },
]

const SHORT_TTL_MS = 150

describe.each(implementations)('Kv contract: $name', ({ available, open }) => {
  let store: Store
  let kv: Kv

  beforeEach(() => {
    store = open()
    kv = store.kv
  })
  afterEach(async () => {
    await store?.cleanup()
  })

  it.skipIf(!available)('when a key was never set, then get returns null', async () => {
    expect(await kv.get('missing')).toBeNull()
  })

  it.skipIf(!available)('when a key is set twice, then get returns the last value', async () => {
    await kv.set('colour', 'red')
    expect(await kv.get('colour')).toBe('red')
    await kv.set('colour', 'blue')
    expect(await kv.get('colour')).toBe('blue')
  })

  it.skipIf(!available)('when a key is set with a ttl, then it is readable until the ttl passes and gone after', async () => {
    await kv.set('short', 'lived', { ttlMs: SHORT_TTL_MS })
    await kv.set('long', 'lived', { ttlMs: 60_000 })
    expect(await kv.get('short')).toBe('lived')
    await eventually(async () => (await kv.get('short')) === null, 3000, 'the key to expire')
    expect(await kv.get('long')).toBe('lived')
  })

  it.skipIf(!available)('when set again without a ttl, then the key no longer expires', async () => {
    await kv.set('k', 'v1', { ttlMs: SHORT_TTL_MS })
    await kv.set('k', 'v2')
    await new Promise((r) => setTimeout(r, SHORT_TTL_MS + 100)) // nothing to poll: absence of an expiry
    expect(await kv.get('k')).toBe('v2')
  })

  it.skipIf(!available)('when setIfAbsent is called on a taken key, then it returns false and keeps the first value', async () => {
    expect(await kv.setIfAbsent('lock', 'first')).toBe(true)
    expect(await kv.setIfAbsent('lock', 'second')).toBe(false)
    expect(await kv.get('lock')).toBe('first')
  })

  it.skipIf(!available)('when setIfAbsent has a ttl, then the key can be taken again once it expired', async () => {
    expect(await kv.setIfAbsent('lease', 'a', SHORT_TTL_MS)).toBe(true)
    expect(await kv.setIfAbsent('lease', 'b', SHORT_TTL_MS)).toBe(false)
    await eventually(async () => (await kv.get('lease')) === null, 3000, 'the lease to expire')
    expect(await kv.setIfAbsent('lease', 'c', SHORT_TTL_MS)).toBe(true)
    expect(await kv.get('lease')).toBe('c')
  })

  it.skipIf(!available)('when racing setIfAbsent calls, then exactly one wins', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => kv.setIfAbsent('race', String(i), 5000)))
    expect(results.filter(Boolean)).toHaveLength(1)
  })

  it.skipIf(!available)('when a key is deleted, then it is gone, and deleting a missing key is fine', async () => {
    await kv.set('doomed', 'x')
    await kv.del('doomed')
    expect(await kv.get('doomed')).toBeNull()
    await expect(kv.del('never-there')).resolves.toBeUndefined()
  })

  it.skipIf(!available)('when a counter is incremented, then the count grows and the window is not extended', async () => {
    const first = await kv.incr('hits', 1000)
    expect(first.count).toBe(1)
    expect(first.ttlMs).toBeGreaterThan(800)
    expect(first.ttlMs).toBeLessThanOrEqual(1000)

    const second = await kv.incr('hits', 60_000) // a longer window asked for later changes nothing
    expect(second.count).toBe(2)
    expect(second.ttlMs).toBeGreaterThan(0)
    expect(second.ttlMs).toBeLessThanOrEqual(first.ttlMs)
    expect(await kv.get('hits')).toBe('2')
  })

  it.skipIf(!available)('when the window of a counter passes, then counting starts again at 1', async () => {
    await kv.incr('burst', SHORT_TTL_MS)
    expect((await kv.incr('burst', SHORT_TTL_MS)).count).toBe(2)
    await eventually(async () => (await kv.get('burst')) === null, 3000, 'the window to pass')
    const fresh = await kv.incr('burst', 5000)
    expect(fresh.count).toBe(1)
    expect(fresh.ttlMs).toBeGreaterThan(4000)
  })

  it.skipIf(!available)('when a key set without a ttl is incremented, then the window starts there', async () => {
    await kv.set('plain', '5')
    const result = await kv.incr('plain', 2000)
    expect(result.count).toBe(6)
    expect(result.ttlMs).toBeGreaterThan(1500)
    expect(result.ttlMs).toBeLessThanOrEqual(2000)
  })

  it.skipIf(!available)('when many increments race, then every caller gets a distinct count', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, () => kv.incr('concurrent', 5000)))
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
  })

  it.skipIf(!available)('when pinged, then it answers', async () => {
    await expect(kv.ping()).resolves.toBeUndefined()
  })
})

describe.skipIf(!redisUp)('RedisKv', () => {
  it('keeps its keys under its prefix, apart from another prefix', async () => {
    const a = createTestKeyPrefix('kv-a')
    const b = createTestKeyPrefix('kv-b')
    const kvA = new RedisKv(a.url, a.prefix)
    const kvB = new RedisKv(b.url, b.prefix)
    const raw = new Redis(a.url)
    try {
      await kvA.set('shared-name', 'from a')
      await kvA.incr('counter', 5000)
      expect(await kvB.get('shared-name')).toBeNull()
      expect(await raw.get(`${a.prefix}shared-name`)).toBe('from a')
      expect(await raw.get(`${a.prefix}counter`)).toBe('1')
      expect(await a.cleanup()).toBe(2)
      expect(await kvA.get('shared-name')).toBeNull()
    } finally {
      raw.disconnect()
      await Promise.all([kvA.close(), kvB.close()])
      await Promise.all([a.cleanup(), b.cleanup()])
    }
  })

  it('fails fast instead of hanging when Redis cannot be reached', async () => {
    const kv = new RedisKv('redis://127.0.0.1:1', 'unreachable:')
    try {
      const started = Date.now()
      await expect(kv.ping()).rejects.toThrow()
      await expect(kv.get('k')).rejects.toThrow()
      expect(Date.now() - started).toBeLessThan(5000)
    } finally {
      await kv.close()
    }
  })

  it('can be closed twice', async () => {
    const keys = createTestKeyPrefix('kv-close')
    const kv = new RedisKv(keys.url, keys.prefix)
    await kv.ping()
    await kv.close()
    await expect(kv.close()).resolves.toBeUndefined()
    await keys.cleanup()
  })
})
