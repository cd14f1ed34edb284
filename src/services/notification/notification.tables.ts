import { sql } from 'drizzle-orm'
import { check, index, integer, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import type { DeliveryStatus } from './notification.rules.ts'

export const notificationSchema = pgSchema('notification')

/**
 * One row per message per recipient: the inbox people read in embedded mode and the delivery
 * queue the worker drains (a work queue, platform/work-queue.ts). A consumed message writes each of its rows once ((source message,
 * recipient) is unique), so a replayed message stores nothing new.
 */
export const notifications = notificationSchema.table(
  'notifications',
  {
    id: uuid().primaryKey(),
    userId: uuid(),
    recipient: text().notNull(),
    channel: text().notNull().default('email'),
    template: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    status: text().$type<DeliveryStatus>().notNull(),
    sourceMessageId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    /** Delivery attempts made (or under way) since it was queued or an admin retried it. */
    attempts: integer().notNull().default(0),
    /** When a pending message is next due; null once it is sent or failed. */
    dueAt: timestamp({ withTimezone: true }),
    /** A worker that claimed it holds it until then; after that another may take it. */
    claimedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    /** The mail server's id for the accepted message. */
    providerMessageId: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt.desc()),
    uniqueIndex('notifications_source_recipient_idx').on(t.sourceMessageId, t.recipient),
    index('notifications_due_idx').on(t.dueAt).where(sql`status = 'pending'`),
    index('notifications_created_idx').on(t.createdAt.desc()),
    check('notifications_status_check', sql`${t.status} IN ('pending', 'sent', 'failed')`),
    check('notifications_attempts_check', sql`${t.attempts} >= 0`),
    check('notifications_pending_due_check', sql`${t.status} <> 'pending' OR ${t.dueAt} IS NOT NULL`),
    check('notifications_sent_at_check', sql`${t.status} <> 'sent' OR ${t.sentAt} IS NOT NULL`),
  ],
)
export type NotificationRow = typeof notifications.$inferSelect
export type NewNotification = typeof notifications.$inferInsert

/** The admins known from user.registered: who low-stock alerts go to. */
export const admins = notificationSchema.table('admins', {
  userId: uuid().primaryKey(),
  email: text().notNull(),
  firstName: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})
export type AdminRow = typeof admins.$inferSelect

/** Order numbers learnt from order events, so a refund (which names the order by id) can name it as the customer knows it. */
export const orderNumbers = notificationSchema.table('order_numbers', {
  orderId: uuid().primaryKey(),
  number: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})
