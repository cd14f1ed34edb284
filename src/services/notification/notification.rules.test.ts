import { describe, expect, it } from 'vitest'
import { AppError } from '../../platform/errors.ts'
import { assertCanRetry, canMove, DELIVERY_STATUSES, describeFailure, planAfterFailure, retryDelayMs } from './notification.rules.ts'

const policy = { maxAttempts: 4, retryDelaysMs: [100, 500] }

describe('delivery status machine', () => {
  it('a pending message can be sent, retried or failed; a failed one can be queued again; a sent one is final', () => {
    const allowed = DELIVERY_STATUSES.flatMap((from) => DELIVERY_STATUSES.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`))
    expect(allowed).toEqual(['pending→pending', 'pending→sent', 'pending→failed', 'failed→pending'])
  })

  it('an admin may retry a failed or pending message, and gets 409 for a sent one', () => {
    expect(() => assertCanRetry('failed')).not.toThrow()
    expect(() => assertCanRetry('pending')).not.toThrow()
    try {
      assertCanRetry('sent')
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(AppError)
      expect((err as AppError).status).toBe(409)
      expect((err as AppError).code).toBe('already_sent')
    }
  })
})

describe('retry schedule', () => {
  it('waits the configured delay after each failed attempt, repeating the last', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(policy, n))).toEqual([100, 500, 500, 500])
  })

  it('schedules another attempt until the limit, then fails', () => {
    expect(planAfterFailure(policy, 0)).toEqual({ status: 'pending', attempts: 1, delayMs: 100 })
    expect(planAfterFailure(policy, 1)).toEqual({ status: 'pending', attempts: 2, delayMs: 500 })
    expect(planAfterFailure(policy, 2)).toEqual({ status: 'pending', attempts: 3, delayMs: 500 })
    expect(planAfterFailure(policy, 3)).toEqual({ status: 'failed', attempts: 4 })
  })

  it('with one attempt allowed, the first failure is final', () => {
    expect(planAfterFailure({ maxAttempts: 1, retryDelaysMs: [100] }, 0)).toEqual({ status: 'failed', attempts: 1 })
  })

  it("keeps the server's reason on one short line", () => {
    expect(describeFailure(new Error('451 Try again\n later'))).toBe('451 Try again later')
    expect(describeFailure('x'.repeat(5000))).toHaveLength(1000)
  })
})
