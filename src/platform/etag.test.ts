import { describe, expect, it } from 'vitest'
import { etagMatches, etagOf } from './etag.ts'

describe('entity tags', () => {
  it('gives the same body the same strong tag, and another body another', () => {
    expect(etagOf('{"a":1}')).toBe(etagOf('{"a":1}'))
    expect(etagOf('{"a":1}')).not.toBe(etagOf('{"a":2}'))
    expect(etagOf('x')).toMatch(/^"[A-Za-z0-9_-]+"$/)
  })

  it('matches If-None-Match lists, weak tags and *', () => {
    const tag = etagOf('x')
    expect(etagMatches(`"other", ${tag}`, tag)).toBe(true)
    expect(etagMatches(`W/${tag}`, tag)).toBe(true)
    expect(etagMatches('*', tag)).toBe(true)
    expect(etagMatches('"other"', tag)).toBe(false)
    expect(etagMatches(undefined, tag)).toBe(false)
    expect(etagMatches('"a"', undefined)).toBe(false)
  })
})
