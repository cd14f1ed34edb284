import { NotFound } from '../../platform/errors.ts'
import type { NotificationDeps } from './notification.deps.ts'
import { type AdminNotificationDto, toAdminNotificationDto } from './notification.dto.ts'
import { findNotification, requeue } from './notification.repo.ts'
import { alreadySent, assertCanRetry } from './notification.rules.ts'

/**
 * An admin sends a failed (or still pending) message again: it is due now with a fresh set of
 * attempts. A sent message is refused (409): it would reach the person twice. Its
 * commit has the delivery worker look for it.
 */
export async function retryNotification(deps: NotificationDeps, id: string): Promise<AdminNotificationDto> {
  const current = await findNotification(deps.db, id)
  if (!current) throw new NotFound('Notification')
  assertCanRetry(current.status)
  const requeued = await deps.db.transaction((tx) => requeue(tx, deps.deliveries, id))
  // Sent between the look and the update: the same answer as if it had been sent before.
  if (!requeued) throw alreadySent()
  deps.log.info({ notificationId: id, template: current.template, previousStatus: current.status }, 'notification queued again by an admin')
  return toAdminNotificationDto(requeued)
}
