import { describe, expect, it } from 'vitest'
import { backoff, retryDelay } from './retry.ts'

const policy = { maxAttempts: 4, delaysMs: [100, 500] }

describe('the backoff rule', () => {
  it('when attempts fail, then each waits the configured delay, repeating the last', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(policy, n))).toEqual([100, 500, 500, 500])
  })

  it('when attempts fail, then another is scheduled until the limit, and none after it', () => {
    const middle = () => 0.5
    expect([1, 2, 3, 4].map((n) => backoff(policy, n, middle))).toEqual([100, 500, 500, undefined])
    expect(backoff({ maxAttempts: 1, delaysMs: [100] }, 1, middle)).toBeUndefined()
  })

  it('when replicas retry together, then their waits spread over ±20 %', () => {
    expect(backoff(policy, 2, () => 0)).toBe(400)
    expect(backoff(policy, 2, () => 1)).toBe(600)
    const waits = new Set(Array.from({ length: 50 }, () => backoff(policy, 2)))
    expect(waits.size).toBeGreaterThan(10)
    for (const w of waits) expect(w).toBeGreaterThanOrEqual(400)
  })

  it('when a policy never gives up, then the last delay repeats for ever', () => {
    expect(backoff({ maxAttempts: Number.POSITIVE_INFINITY, delaysMs: [10, 20] }, 1_000, () => 0.5)).toBe(20)
  })
})
