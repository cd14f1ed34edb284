import { Conflict } from '../../platform/errors.ts'

/** Pure delivery rules: the status machine and the retry schedule. No I/O. */

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

/**
 * pending → sent (the server accepted it), pending → pending (an attempt failed, another is due),
 * pending → failed (attempts exhausted), failed → pending (an admin retries it). Sent is final.
 */
export const DELIVERY_TRANSITIONS: Readonly<Record<DeliveryStatus, readonly DeliveryStatus[]>> = {
  pending: ['pending', 'sent', 'failed'],
  failed: ['pending'],
  sent: [],
}

export function canMove(from: DeliveryStatus, to: DeliveryStatus): boolean {
  return DELIVERY_TRANSITIONS[from].includes(to)
}

/** An admin may send a failed or pending message again; a sent one would reach the person twice. */
export function assertCanRetry(status: DeliveryStatus): void {
  if (!canMove(status, 'pending')) throw alreadySent()
}

export function alreadySent(): Conflict {
  return new Conflict('This message was already delivered; retrying it would send it twice.', 'already_sent')
}

export interface RetryPolicy {
  maxAttempts: number
  /** The wait after failed attempt n is retryDelaysMs[n-1]; the last value repeats. */
  retryDelaysMs: readonly number[]
}

/** How long to wait after failed attempt number `attempt` (1-based). */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number {
  const delays = policy.retryDelaysMs
  if (delays.length === 0) return 1000
  return delays[Math.min(Math.max(attempt, 1), delays.length) - 1] ?? 1000
}

export type FailurePlan = { status: 'pending'; attempts: number; delayMs: number } | { status: 'failed'; attempts: number }

/** What follows a failed delivery, given the attempts made before it. */
export function planAfterFailure(policy: RetryPolicy, attemptsBefore: number): FailurePlan {
  const attempts = attemptsBefore + 1
  if (attempts >= policy.maxAttempts) return { status: 'failed', attempts }
  return { status: 'pending', attempts, delayMs: retryDelayMs(policy, attempts) }
}

/** The mail server's reason, short enough to keep and show. */
export function describeFailure(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error)
  return text.replace(/\s+/g, ' ').trim().slice(0, 1000) || 'unknown error'
}
