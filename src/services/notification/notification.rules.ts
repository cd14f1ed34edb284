import { Conflict } from '../../platform/errors.ts'

/** Pure delivery rules: the status machine. No I/O; the retry schedule is the work queue's. */

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

/** The mail server's reason, short enough to keep and show. */
export function describeFailure(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error)
  return text.replace(/\s+/g, ' ').trim().slice(0, 1000) || 'unknown error'
}
