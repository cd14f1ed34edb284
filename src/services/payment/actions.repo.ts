import { and, eq, isNull, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import { type Db, type DbOrTx, queryRows } from '../../platform/db/db.ts'
import type { Logger } from '../../platform/log.ts'
import type { RetryPolicy } from '../../platform/retry.ts'
import { WorkQueue } from '../../platform/work-queue.ts'
import type { ActionKind, ActionStatus } from './payment.rules.ts'
import { type ActionRow, paymentActions } from './payment.tables.ts'

/** The message (or request) an action answers: its answer carries the same correlation and causation. */
export interface Trail {
  correlationId: string | null
  causationId: string | null
  traceparent: string | null
}

/** An action as the worker holds it while it runs. */
export type ClaimedAction = Pick<ActionRow, 'id' | 'paymentId' | 'step' | 'kind' | 'refundId' | 'reason' | 'attempts'> & Trail

/**
 * Queues an action behind the payment's others; the caller holds the payment's row lock, so
 * steps are handed out one at a time. When no earlier action of the payment is pending, the row
 * is written leased to this process's worker, which runs it once the transaction commits;
 * otherwise it waits for its turn (the earlier action's outcome wakes the worker).
 */
export async function enqueueAction(
  tx: DbOrTx,
  queue: WorkQueue<ClaimedAction>,
  action: { paymentId: string; kind: ActionKind; refundId?: string | null; reason?: string | null; trail: Trail },
): Promise<void> {
  const { trail } = action
  const id = uuidv7()
  const [row] = await queryRows<{ step: number; leased: boolean }>(
    tx,
    sql`WITH prior AS (
          SELECT coalesce(max(step), 0) AS last, coalesce(bool_or(status = 'pending'), false) AS busy
          FROM payment.payment_actions WHERE payment_id = ${action.paymentId})
        INSERT INTO payment.payment_actions (id, payment_id, step, kind, refund_id, reason, correlation_id, causation_id, traceparent, claimed_until, attempts)
        SELECT ${id}, ${action.paymentId}, prior.last + 1, ${action.kind}, ${action.refundId ?? null}, ${action.reason ?? null},
               ${trail.correlationId}, ${trail.causationId}, ${trail.traceparent},
               CASE WHEN prior.busy THEN NULL ELSE ${queue.leasedUntil()} END, CASE WHEN prior.busy THEN 0 ELSE 1 END
        FROM prior
        RETURNING step, claimed_until IS NOT NULL AS leased`,
  )
  if (!row?.leased) return
  queue.added([
    { id, paymentId: action.paymentId, step: row.step, kind: action.kind, refundId: action.refundId ?? null, reason: action.reason ?? null, attempts: 1, ...trail },
  ])
}

export async function hasAction(tx: DbOrTx, paymentId: string, kind: ActionKind): Promise<boolean> {
  const rows = await tx
    .select({ id: paymentActions.id })
    .from(paymentActions)
    .where(and(eq(paymentActions.paymentId, paymentId), eq(paymentActions.kind, kind)))
    .limit(1)
  return rows.length > 0
}

/** Whether the payment has an action of this kind (of any kind) still to run. */
export async function hasPendingAction(tx: DbOrTx, paymentId: string, kind?: ActionKind): Promise<boolean> {
  const rows = await tx
    .select({ id: paymentActions.id })
    .from(paymentActions)
    .where(and(eq(paymentActions.paymentId, paymentId), kind ? eq(paymentActions.kind, kind) : undefined, eq(paymentActions.status, 'pending')))
    .limit(1)
  return rows.length > 0
}

/** The work queue of provider calls: a payment's actions run one at a time, in step order. */
export function actionQueue(db: Db, afterCommit: (effect: () => void) => void, log: Logger, retry: RetryPolicy): WorkQueue<ClaimedAction> {
  return new WorkQueue<ClaimedAction>(db, afterCommit, {
    name: 'payment actions',
    table: sql`payment.payment_actions`,
    key: 'id',
    pending: sql`t.status = 'pending'`,
    claimable: sql`NOT EXISTS (SELECT 1 FROM payment.payment_actions b WHERE b.payment_id = t.payment_id AND b.status = 'pending' AND b.step < t.step)`,
    orderBy: sql`t.due_at, t.step`,
    returning: sql`id, payment_id, step, kind, refund_id, reason, attempts, correlation_id, causation_id, traceparent`,
    toRow: (r) => ({
      id: String(r.id),
      paymentId: String(r.payment_id),
      step: Number(r.step),
      kind: r.kind as ActionKind,
      refundId: (r.refund_id as string | null) ?? null,
      reason: (r.reason as string | null) ?? null,
      attempts: Number(r.attempts),
      correlationId: (r.correlation_id as string | null) ?? null,
      causationId: (r.causation_id as string | null) ?? null,
      traceparent: (r.traceparent as string | null) ?? null,
    }),
    keyOf: (a) => a.id,
    retry,
  }, log)
}

/** Locks the action for recording; its status says whether another worker recorded it first. */
export async function lockAction(tx: DbOrTx, id: string): Promise<ActionRow | undefined> {
  const [row] = await tx.select().from(paymentActions).where(eq(paymentActions.id, id)).for('update')
  return row
}

export async function finishAction(
  tx: DbOrTx,
  queue: WorkQueue<ClaimedAction>,
  id: string,
  status: Exclude<ActionStatus, 'pending'>,
  lastError: string | null = null,
): Promise<void> {
  await queue.finish(tx, [id], sql`status = ${status}, last_error = ${lastError}, updated_at = now()`)
}

/** Ties the refund a void of a captured payment became to the void (the caller holds the action's lock). */
export async function attachRefund(tx: DbOrTx, id: string, refundId: string): Promise<void> {
  await tx
    .update(paymentActions)
    .set({ refundId, updatedAt: sql`now()` })
    .where(and(eq(paymentActions.id, id), isNull(paymentActions.refundId)))
}

/** The trail of the payment's authorize command: what the provider later says about the payment joins the order's trail. */
export async function findPaymentTrail(db: DbOrTx, paymentId: string): Promise<Trail> {
  const [row] = await db
    .select({ correlationId: paymentActions.correlationId, traceparent: paymentActions.traceparent })
    .from(paymentActions)
    .where(and(eq(paymentActions.paymentId, paymentId), eq(paymentActions.kind, 'authorize')))
  return { correlationId: row?.correlationId ?? null, causationId: null, traceparent: row?.traceparent ?? null }
}
