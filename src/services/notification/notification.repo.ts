import { and, count, desc, eq, ilike, ne, type SQL, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Db, DbOrTx } from '../../platform/db/db.ts'
import type { Logger } from '../../platform/log.ts'
import type { RetryPolicy } from '../../platform/retry.ts'
import { WorkQueue } from '../../platform/work-queue.ts'
import type { NotificationDeps } from './notification.deps.ts'
import type { DeliveryStatus } from './notification.rules.ts'
import type { Rendered } from './notification.format.ts'
import { type NotificationRow, notifications } from './notification.tables.ts'

export interface QueuedMessage extends Rendered {
  userId: string | null
  recipient: string
  sourceMessageId: string
}

/** A message as the delivery worker holds it. */
export interface Delivery {
  id: string
  template: string
  recipient: string
  subject: string
  body: string
  attempts: number
}

/** Messages waiting to leave through the mailer, on the platform work queue. */
export function deliveryQueue(db: Db, afterCommit: (effect: () => void) => void, log: Logger, retry: RetryPolicy): WorkQueue<Delivery> {
  return new WorkQueue<Delivery>(db, afterCommit, {
    name: 'notification delivery',
    table: sql`notification.notifications`,
    key: 'id',
    pending: sql`t.status = 'pending'`,
    returning: sql`id, template, recipient, subject, body, attempts`,
    toRow: (r) => ({
      id: String(r.id),
      template: String(r.template),
      recipient: String(r.recipient),
      subject: String(r.subject),
      body: String(r.body),
      attempts: Number(r.attempts),
    }),
    keyOf: (d) => d.id,
    retry,
  }, log)
}

/** How long a message being sent is left to one worker before another may take it; renewed while it is being sent. */
export const DELIVERY_LEASE_MS = 30_000

/**
 * Stores messages for their recipients; a (source message, recipient) pair already stored is
 * skipped, so a replayed message adds nothing. When mail leaves the shop they are queued,
 * leased to this process's delivery worker, which sends them once the transaction commits;
 * when it does not (no mail transport), the stored message is the delivery and is sent as it
 * is stored. Returns how many rows were new.
 */
export async function storeMessages(tx: DbOrTx, deps: Pick<NotificationDeps, 'mailer' | 'deliveries'>, messages: readonly QueuedMessage[]): Promise<number> {
  if (messages.length === 0) return 0
  const delivered = deps.mailer.kind === 'inbox'
  const rows = await tx
    .insert(notifications)
    .values(
      messages.map((m) => ({
        id: uuidv7(),
        ...m,
        channel: 'email',
        ...(delivered
          ? { status: 'sent' as const, sentAt: sql`now()`, providerMessageId: 'inbox' }
          : { status: 'pending' as const, dueAt: sql`now()`, claimedUntil: deps.deliveries.leasedUntil(DELIVERY_LEASE_MS), attempts: 1 }),
      })),
    )
    .onConflictDoNothing({ target: [notifications.sourceMessageId, notifications.recipient] })
    .returning()
  if (!delivered) deps.deliveries.added(rows.map((r) => ({ id: r.id, template: r.template, recipient: r.recipient, subject: r.subject, body: r.body, attempts: r.attempts })))
  return rows.length
}

export async function listForUser(
  db: DbOrTx,
  userId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: NotificationRow[]; total: number }> {
  return listWhere(db, eq(notifications.userId, userId), page)
}

export interface AdminFilter {
  status?: DeliveryStatus | undefined
  template?: string | undefined
  /** Part of the recipient's address, any case. */
  recipient?: string | undefined
}

export async function listForAdmin(
  db: DbOrTx,
  filter: AdminFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: NotificationRow[]; total: number }> {
  const where = and(
    filter.status ? eq(notifications.status, filter.status) : undefined,
    filter.template ? eq(notifications.template, filter.template) : undefined,
    filter.recipient ? ilike(notifications.recipient, `%${escapeLike(filter.recipient)}%`) : undefined,
  )
  return listWhere(db, where, page)
}

async function listWhere(db: DbOrTx, where: SQL | undefined, page: { limit: number; offset: number }) {
  const rows = await db
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(page.limit)
    .offset(page.offset)
  const [totals] = await db.select({ n: count() }).from(notifications).where(where)
  return { rows, total: totals?.n ?? 0 }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

export async function findNotification(db: DbOrTx, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id))
  return row
}

/**
 * Back to pending, due now, with a fresh set of attempts; a sent message is left alone (undefined).
 * A claim in force is kept: the send under way finishes and records its outcome. The delivery
 * worker looks for it once the transaction commits.
 */
export async function requeue(tx: DbOrTx, deliveries: WorkQueue<Delivery>, id: string): Promise<NotificationRow | undefined> {
  const [row] = await tx
    .update(notifications)
    .set({ status: 'pending', attempts: 0, dueAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(notifications.id, id), ne(notifications.status, 'sent')))
    .returning()
  if (row) deliveries.added()
  return row
}

/** The server accepted it. */
export async function markSent(db: DbOrTx, deliveries: WorkQueue<Delivery>, id: string, providerMessageId: string): Promise<void> {
  await deliveries.finish(
    db,
    [id],
    sql`status = 'sent', sent_at = now(), provider_message_id = ${providerMessageId}, due_at = NULL, updated_at = now()`,
  )
}

/**
 * The attempts are spent: the message is failed, unless an admin retried it meanwhile (its
 * attempts were reset), in which case it is only let go to be taken again at once.
 */
export async function markFailed(db: DbOrTx, claimed: Delivery, error: string): Promise<void> {
  const updated = await db
    .update(notifications)
    .set({ status: 'failed', dueAt: null, lastError: error, claimedUntil: null, updatedAt: sql`now()` })
    .where(and(eq(notifications.id, claimed.id), eq(notifications.status, 'pending'), eq(notifications.attempts, claimed.attempts)))
    .returning({ id: notifications.id })
  if (updated.length > 0) return
  await db
    .update(notifications)
    .set({ lastError: error, claimedUntil: null, updatedAt: sql`now()` })
    .where(and(eq(notifications.id, claimed.id), eq(notifications.status, 'pending')))
}
