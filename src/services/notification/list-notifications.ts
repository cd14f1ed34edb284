import type { AuthUser } from '../../platform/auth.ts'
import { type PageQuery, pageOf } from '../../platform/pagination.ts'
import type { NotificationDeps } from './notification.deps.ts'
import {
  type AdminNotificationDto,
  type AdminNotificationQuery,
  type NotificationDto,
  toAdminNotificationDto,
  toNotificationDto,
} from './notification.dto.ts'
import { listForAdmin, listForUser } from './notification.repo.ts'

interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

/** The caller's own messages, newest first, whatever their delivery status. */
export async function listMyNotifications(deps: NotificationDeps, user: AuthUser, query: PageQuery): Promise<Page<NotificationDto>> {
  const page = pageOf(query)
  const { rows, total } = await listForUser(deps.db, user.id, page)
  return { items: rows.map(toNotificationDto), total, page: page.page, pageSize: page.pageSize }
}

/** Every message, newest first, with its delivery state: what admins look at when mail goes astray. */
export async function listNotificationsForAdmin(deps: NotificationDeps, query: AdminNotificationQuery): Promise<Page<AdminNotificationDto>> {
  const page = pageOf(query)
  const { rows, total } = await listForAdmin(deps.db, { status: query.status, template: query.template, recipient: query.recipient }, page)
  return { items: rows.map(toAdminNotificationDto), total, page: page.page, pageSize: page.pageSize }
}
