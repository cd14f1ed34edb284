import { startWakeableJob } from '../../platform/jobs.ts'
import type { NotificationDeps } from './notification.deps.ts'
import { claimDue, markSent, recordFailure } from './notification.repo.ts'
import { describeFailure, planAfterFailure } from './notification.rules.ts'
import type { NotificationRow } from './notification.tables.ts'

export interface DeliveryOptions {
  /** How many due messages one claim takes. */
  batchSize: number
  /** How long a claimed message is left to its worker before another may take it; well past the mailer's timeouts. */
  leaseSeconds: number
}

export const DELIVERY_DEFAULTS: DeliveryOptions = { batchSize: 20, leaseSeconds: 120 }

export interface DeliveryPass {
  sent: number
  retrying: number
  failed: number
  /** The shortest wait before a retry this pass scheduled, if any. */
  soonestRetryMs: number | undefined
}

/**
 * Sends every message that is due. Each batch is claimed in one statement (FOR UPDATE SKIP
 * LOCKED, then a lease), so workers sharing a database never take the same message; the mail
 * goes out after that statement, outside any transaction, and its outcome is one more statement.
 */
export async function deliverDue(deps: NotificationDeps, options: DeliveryOptions = DELIVERY_DEFAULTS): Promise<DeliveryPass> {
  const pass: DeliveryPass = { sent: 0, retrying: 0, failed: 0, soonestRetryMs: undefined }
  for (;;) {
    const claimed = await claimDue(deps.db, options.batchSize, options.leaseSeconds)
    await Promise.all(claimed.map((row) => deliverOne(deps, row, pass)))
    if (claimed.length < options.batchSize) return pass
  }
}

async function deliverOne(deps: NotificationDeps, row: NotificationRow, pass: DeliveryPass): Promise<void> {
  let providerMessageId: string
  try {
    ;({ messageId: providerMessageId } = await deps.mailer.send({ to: row.recipient, subject: row.subject, text: row.body }))
  } catch (err) {
    const plan = planAfterFailure(deps.mail, row.attempts)
    const error = describeFailure(err)
    const applied = await recordFailure(deps.db, row, plan, error)
    if (!applied) return
    if (plan.status === 'failed') {
      pass.failed += 1
      deps.log.warn({ notificationId: row.id, template: row.template, attempts: plan.attempts, error }, 'notification failed: no attempts left')
    } else {
      pass.retrying += 1
      pass.soonestRetryMs = Math.min(pass.soonestRetryMs ?? Number.POSITIVE_INFINITY, plan.delayMs)
      deps.log.info({ notificationId: row.id, template: row.template, attempts: plan.attempts, retryInMs: plan.delayMs, error }, 'notification not delivered; will retry')
    }
    return
  }
  await markSent(deps.db, row.id, providerMessageId)
  pass.sent += 1
}

/**
 * Runs delivery passes: at once when woken (after each commit of the service), and every
 * `pollMs` otherwise, or sooner when a retry is due sooner. Passes never overlap; wakes during
 * a pass make one more. The returned function stops it and waits for a pass under way.
 */
export function startDeliveryWorker(
  deps: NotificationDeps,
  options: DeliveryOptions & { pollMs: number } = { ...DELIVERY_DEFAULTS, pollMs: 1000 },
): { wake(): void; stop(): Promise<void> } {
  return startWakeableJob(deps.log, {
    name: 'notification delivery',
    pollMs: options.pollMs,
    run: async () => (await deliverDue(deps, options)).soonestRetryMs,
  })
}
