/**
 * The one backoff rule: how long to wait before the next attempt at something that failed, and
 * when to stop trying. Used by the message transports (their retry queues need exact delays) and
 * by the work queue (whose waits get jitter, so that replicas retrying together spread out).
 */
export interface RetryPolicy {
  /** Attempts in all, the first one included; `Infinity` never gives up (a message must not be lost). */
  maxAttempts: number
  /** Delay before attempt n+1 is delaysMs[n-1]; the last value repeats. */
  delaysMs: readonly number[]
}

/** The wait after failed attempt `attempt` (counted from 1), without jitter. */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  const { delaysMs } = policy
  return delaysMs[Math.min(Math.max(attempt, 1) - 1, delaysMs.length - 1)] ?? 1000
}

/** Waits are spread over ±20 % of their value. */
const JITTER = 0.2

/**
 * The wait before the next attempt once `attempts` have failed, spread by jitter; undefined when
 * the attempts are spent.
 */
export function backoff(policy: RetryPolicy, attempts: number, random: () => number = Math.random): number | undefined {
  if (attempts >= policy.maxAttempts) return undefined
  const base = retryDelay(policy, attempts)
  return Math.max(1, Math.round(base * (1 - JITTER + 2 * JITTER * random())))
}
