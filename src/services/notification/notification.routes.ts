import { bearerSecurity, requireAdmin, requireUser, userOf } from '../../platform/auth.ts'
import type { App } from '../../platform/http.ts'
import { ListOf, PageQuery } from '../../platform/pagination.ts'
import { listMyNotifications, listNotificationsForAdmin } from './list-notifications.ts'
import type { NotificationDeps } from './notification.deps.ts'
import { AdminNotificationDto, AdminNotificationQuery, NotificationDto, NotificationParams } from './notification.dto.ts'
import { retryNotification } from './retry-notification.ts'

const tags = ['notifications']

export function notificationRoutes(app: App, deps: NotificationDeps): void {
  app.get(
    '/api/notifications',
    {
      preHandler: requireUser,
      schema: {
        tags,
        summary: 'Messages sent to the caller, newest first, with their delivery status',
        security: bearerSecurity,
        querystring: PageQuery,
        response: { 200: ListOf(NotificationDto) },
      },
    },
    async (req) => listMyNotifications(deps, userOf(req), req.query),
  )

  app.get(
    '/api/admin/notifications',
    {
      preHandler: requireAdmin,
      schema: {
        tags,
        summary: 'Every message, newest first, with recipient, attempts, last error and next attempt; filter by status, template or recipient',
        security: bearerSecurity,
        querystring: AdminNotificationQuery,
        response: { 200: ListOf(AdminNotificationDto) },
      },
    },
    async (req) => listNotificationsForAdmin(deps, req.query),
  )

  app.post(
    '/api/admin/notifications/:id/retry',
    {
      preHandler: requireAdmin,
      schema: {
        tags,
        summary: 'Send a failed or pending message again, now, with a fresh set of attempts; 409 if it was already sent',
        security: bearerSecurity,
        params: NotificationParams,
        response: { 200: AdminNotificationDto },
      },
    },
    async (req) => retryNotification(deps, req.params.id),
  )
}
