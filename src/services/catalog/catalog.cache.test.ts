import { describe, expect, it } from 'vitest'
import { AnswerCache } from './catalog.cache.ts'

describe('the answer cache', () => {
  const clock = () => {
    let now = 1_000
    return { now: () => now, advance: (ms: number) => (now += ms) }
  }

  it('an entry lives ttl, then is gone', () => {
    const time = clock()
    const cache = new AnswerCache<string>({ maxEntries: 10, ttlMs: 5_000, now: time.now })
    cache.set('a', 'A', cache.generation)
    time.advance(4_999)
    expect(cache.get('a')).toBe('A')
    time.advance(1)
    expect(cache.get('a')).toBeUndefined()
  })

  it('past its size, the least recently used entry goes first', () => {
    const cache = new AnswerCache<string>({ maxEntries: 2, ttlMs: 60_000 })
    cache.set('a', 'A', cache.generation)
    cache.set('b', 'B', cache.generation)
    cache.get('a')
    cache.set('c', 'C', cache.generation)
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A', undefined, 'C'])
    expect(cache.size).toBe(2)
  })

  it('a value computed before a clear is not stored after it', () => {
    const cache = new AnswerCache<string>({ maxEntries: 10, ttlMs: 60_000 })
    const before = cache.generation
    cache.clear()
    cache.set('a', 'stale', before)
    expect(cache.get('a')).toBeUndefined()
    cache.set('a', 'fresh', cache.generation)
    expect(cache.get('a')).toBe('fresh')
  })

  it('with a ttl of 0 nothing is kept', () => {
    const cache = new AnswerCache<string>({ maxEntries: 10, ttlMs: 0 })
    cache.set('a', 'A', cache.generation)
    expect(cache.get('a')).toBeUndefined()
  })
})
