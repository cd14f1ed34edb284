import type { NotificationDeps } from './notification.deps.ts'
import { DELIVERY_LEASE_MS, type Delivery, markFailed, markSent } from './notification.repo.ts'
import { describeFailure } from './notification.rules.ts'

/** Messages sent at once by one process. */
const DELIVERY_CONCURRENCY = 20

/**
 * Sends one message through the mailer, outside any transaction, and records the outcome in one
 * statement: sent; due again after the backoff; or, once the attempts are spent, failed.
 */
export async function deliverOne(deps: NotificationDeps, message: Delivery): Promise<void> {
  let providerMessageId: string
  try {
    ;({ messageId: providerMessageId } = await deps.mailer.send({ to: message.recipient, subject: message.subject, text: message.body }))
  } catch (err) {
    const error = describeFailure(err)
    const about = { notificationId: message.id, template: message.template, attempts: message.attempts, error }
    const retryInMs = await deps.deliveries.retry(deps.db, message.id, message.attempts, error)
    if (retryInMs !== undefined) {
      deps.log.info({ ...about, retryInMs }, 'notification not delivered; will retry')
      return
    }
    await markFailed(deps.db, message, error)
    deps.log.warn(about, 'notification failed: no attempts left')
    return
  }
  await markSent(deps.db, deps.deliveries, message.id, providerMessageId)
}

/** Starts this process's delivery worker on the work queue; the returned function stops it. */
export function startDeliveryWorker(deps: NotificationDeps): () => Promise<void> {
  deps.deliveries.start({ concurrency: DELIVERY_CONCURRENCY, leaseMs: DELIVERY_LEASE_MS, run: (message) => deliverOne(deps, message) })
  return () => deps.deliveries.stop()
}
