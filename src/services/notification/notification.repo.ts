import { and, asc, count, desc, eq, ilike, inArray, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { DbOrTx } from '../../platform/db/db.ts'
import type { DeliveryStatus, FailurePlan } from './notification.rules.ts'
import type { Rendered } from './notification.format.ts'
import { type NotificationRow, notifications } from './notification.tables.ts'

export interface QueuedMessage extends Rendered {
  userId: string | null
  recipient: string
  sourceMessageId: string
}

/**
 * Queues messages for delivery, due now. A (source message, recipient) pair already stored is
 * skipped, so a replayed message adds nothing. Returns how many rows were new.
 */
export async function insertPending(tx: DbOrTx, messages: readonly QueuedMessage[]): Promise<number> {
  if (messages.length === 0) return 0
  const rows = await tx
    .insert(notifications)
    .values(messages.map((m) => ({ id: uuidv7(), ...m, channel: 'email', status: 'pending' as const, nextAttemptAt: sql`now()` })))
    .onConflictDoNothing({ target: [notifications.sourceMessageId, notifications.recipient] })
    .returning({ id: notifications.id })
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
 * A claim in force is kept: the send under way finishes and records its outcome.
 */
export async function requeue(db: DbOrTx, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db
    .update(notifications)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(notifications.id, id), ne(notifications.status, 'sent')))
    .returning()
  return row
}

/**
 * Claims up to `limit` due messages for `leaseSeconds`: rows another worker has locked or
 * holds are skipped, so workers on one database never take the same message at once.
 */
export async function claimDue(db: DbOrTx, limit: number, leaseSeconds: number): Promise<NotificationRow[]> {
  const due = db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.status, 'pending'),
        lte(notifications.nextAttemptAt, sql`now()`),
        or(isNull(notifications.claimedUntil), lte(notifications.claimedUntil, sql`now()`)),
      ),
    )
    .orderBy(asc(notifications.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true })
  return db
    .update(notifications)
    .set({ claimedUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where(inArray(notifications.id, due))
    .returning()
}

/** The server accepted it. */
export async function markSent(db: DbOrTx, id: string, providerMessageId: string): Promise<void> {
  await db
    .update(notifications)
    .set({
      status: 'sent',
      sentAt: sql`now()`,
      attempts: sql`${notifications.attempts} + 1`,
      providerMessageId,
      nextAttemptAt: null,
      claimedUntil: null,
      updatedAt: sql`now()`,
    })
    .where(and(eq(notifications.id, id), eq(notifications.status, 'pending')))
}

/**
 * An attempt failed: the next one is scheduled, or the message is failed. Applies only if the
 * row still has the attempts it was claimed with; an admin retry in between wins, and the row
 * is just let go to be taken again at once. True when the plan was applied.
 */
export async function recordFailure(db: DbOrTx, claimed: NotificationRow, plan: FailurePlan, error: string): Promise<boolean> {
  const next =
    plan.status === 'pending'
      ? { status: 'pending' as const, nextAttemptAt: sql`now() + make_interval(secs => ${plan.delayMs / 1000})` }
      : { status: 'failed' as const, nextAttemptAt: null }
  const updated = await db
    .update(notifications)
    .set({ ...next, attempts: plan.attempts, lastError: error, claimedUntil: null, updatedAt: sql`now()` })
    .where(and(eq(notifications.id, claimed.id), eq(notifications.status, 'pending'), eq(notifications.attempts, claimed.attempts)))
    .returning({ id: notifications.id })
  if (updated.length > 0) return true
  await db
    .update(notifications)
    .set({ lastError: error, claimedUntil: null, updatedAt: sql`now()` })
    .where(and(eq(notifications.id, claimed.id), eq(notifications.status, 'pending')))
  return false
}
