import { count, desc, eq } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { DbOrTx } from '../../platform/db/db.ts'
import { type NotificationRow, notifications } from './notification.tables.ts'
import type { Rendered } from './notification.templates.ts'

export async function insertNotification(
  tx: DbOrTx,
  n: Rendered & { userId: string | null; recipient: string; sourceMessageId: string; status: string },
): Promise<void> {
  await tx
    .insert(notifications)
    .values({ id: uuidv7(), ...n, channel: 'email', sentAt: n.status === 'sent' ? new Date() : null })
    .onConflictDoNothing({ target: notifications.sourceMessageId })
}

export async function listForUser(
  db: DbOrTx,
  userId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: NotificationRow[]; total: number }> {
  const rows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(page.limit)
    .offset(page.offset)
  const [totals] = await db.select({ n: count() }).from(notifications).where(eq(notifications.userId, userId))
  return { rows, total: totals?.n ?? 0 }
}
