import { describe, expect, it } from 'vitest'
import { AppError } from '../../platform/errors.ts'
import { assertCanRetry, canMove, DELIVERY_STATUSES, describeFailure } from './notification.rules.ts'

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

describe('failure reasons', () => {
  it("keeps the server's reason on one short line", () => {
    expect(describeFailure(new Error('451 Try again\n later'))).toBe('451 Try again later')
    expect(describeFailure('x'.repeat(5000))).toHaveLength(1000)
  })
})
