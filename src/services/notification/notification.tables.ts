import { pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core'

export const notificationSchema = pgSchema('notification')

export const notifications = notificationSchema.table('notifications', {
  id: uuid().primaryKey(),
  userId: uuid(),
  recipient: text().notNull(),
  channel: text().notNull().default('email'),
  template: text().notNull(),
  subject: text().notNull(),
  body: text().notNull(),
  status: text().notNull(),
  sourceMessageId: uuid().notNull().unique(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp({ withTimezone: true }),
})
export type NotificationRow = typeof notifications.$inferSelect
