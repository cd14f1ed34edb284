import { z } from 'zod'
import { PageQuery } from '../../platform/pagination.ts'
import { TEMPLATES } from './notification.format.ts'
import { DELIVERY_STATUSES } from './notification.rules.ts'
import type { NotificationRow } from './notification.tables.ts'

/** A message as the person it was sent to sees it. */
export const NotificationDto = z.object({
  id: z.uuid(),
  channel: z.string(),
  template: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(DELIVERY_STATUSES).describe('pending: queued or being retried; sent: accepted by the mail server (or kept as the inbox); failed: gave up'),
  sentAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
})
export type NotificationDto = z.infer<typeof NotificationDto>

/** A message as admins see it: who it went to and how its delivery went. */
export const AdminNotificationDto = NotificationDto.extend({
  recipient: z.string(),
  userId: z.uuid().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
  providerMessageId: z.string().nullable(),
  sourceMessageId: z.uuid(),
  updatedAt: z.iso.datetime(),
})
export type AdminNotificationDto = z.infer<typeof AdminNotificationDto>

export function toNotificationDto(r: NotificationRow): NotificationDto {
  return {
    id: r.id,
    channel: r.channel,
    template: r.template,
    subject: r.subject,
    body: r.body,
    status: r.status,
    sentAt: r.sentAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }
}

export function toAdminNotificationDto(r: NotificationRow): AdminNotificationDto {
  return {
    ...toNotificationDto(r),
    recipient: r.recipient,
    userId: r.userId,
    attempts: r.attempts,
    lastError: r.lastError,
    nextAttemptAt: r.dueAt?.toISOString() ?? null,
    providerMessageId: r.providerMessageId,
    sourceMessageId: r.sourceMessageId,
    updatedAt: r.updatedAt.toISOString(),
  }
}

export const AdminNotificationQuery = PageQuery.extend({
  status: z.enum(DELIVERY_STATUSES).optional(),
  template: z.enum(TEMPLATES).optional(),
  recipient: z.string().trim().min(1).max(320).optional().describe('Part of the recipient address, any case'),
})
export type AdminNotificationQuery = z.infer<typeof AdminNotificationQuery>

export const NotificationParams = z.object({ id: z.uuid() })
