import { and, eq, isNull, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import { type DbOrTx, queryRows } from '../../platform/db/db.ts'
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
 * Queues an action behind the payment's others. The caller holds the payment's row lock, so
 * steps are handed out one at a time.
 */
export async function enqueueAction(
  tx: DbOrTx,
  action: { paymentId: string; kind: ActionKind; refundId?: string | null; reason?: string | null; trail: Trail },
): Promise<void> {
  const { trail } = action
  await tx.execute(sql`
    INSERT INTO payment.payment_actions (id, payment_id, step, kind, refund_id, reason, correlation_id, causation_id, traceparent)
    SELECT ${uuidv7()}, ${action.paymentId}, coalesce(max(step), 0) + 1, ${action.kind}, ${action.refundId ?? null}, ${action.reason ?? null},
           ${trail.correlationId}, ${trail.causationId}, ${trail.traceparent}
    FROM payment.payment_actions WHERE payment_id = ${action.paymentId}`)
}

export async function hasAction(tx: DbOrTx, paymentId: string, kind: ActionKind): Promise<boolean> {
  const rows = await tx
    .select({ id: paymentActions.id })
    .from(paymentActions)
    .where(and(eq(paymentActions.paymentId, paymentId), eq(paymentActions.kind, kind)))
    .limit(1)
  return rows.length > 0
}

export async function hasPendingAction(tx: DbOrTx, paymentId: string, kind: ActionKind): Promise<boolean> {
  const rows = await tx
    .select({ id: paymentActions.id })
    .from(paymentActions)
    .where(and(eq(paymentActions.paymentId, paymentId), eq(paymentActions.kind, kind), eq(paymentActions.status, 'pending')))
    .limit(1)
  return rows.length > 0
}

interface ClaimedRow {
  id: string
  payment_id: string
  step: number
  kind: ActionKind
  refund_id: string | null
  reason: string | null
  attempts: number
  correlation_id: string | null
  causation_id: string | null
  traceparent: string | null
}

/**
 * Claims up to `limit` due actions for `leaseMs`: only the first pending action of each payment
 * (a payment's actions run in order), skipping rows another worker holds. An expired lease (a
 * worker that died mid-call) makes its action claimable again; it counts as an attempt.
 */
export async function claimDueActions(db: DbOrTx, limit: number, leaseMs: number, busy: readonly string[]): Promise<ClaimedAction[]> {
  const notBusy = busy.length > 0 ? sql`AND a.id NOT IN (${sql.join(busy.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``
  const rows = await queryRows<ClaimedRow>(
    db,
    sql`UPDATE payment.payment_actions SET locked_until = now() + make_interval(secs => ${leaseMs / 1000}), attempts = attempts + 1, updated_at = now()
        WHERE id IN (
          SELECT a.id FROM payment.payment_actions a
          WHERE a.status = 'pending' AND a.due_at <= now() AND (a.locked_until IS NULL OR a.locked_until < now()) ${notBusy}
            AND NOT EXISTS (SELECT 1 FROM payment.payment_actions b WHERE b.payment_id = a.payment_id AND b.status = 'pending' AND b.step < a.step)
          ORDER BY a.due_at, a.step LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING id, payment_id, step, kind, refund_id, reason, attempts, correlation_id, causation_id, traceparent`,
  )
  return rows.map((r) => ({
    id: r.id,
    paymentId: r.payment_id,
    step: r.step,
    kind: r.kind,
    refundId: r.refund_id,
    reason: r.reason,
    attempts: r.attempts,
    correlationId: r.correlation_id,
    causationId: r.causation_id,
    traceparent: r.traceparent,
  }))
}

/** Locks the action for recording; its status says whether another worker recorded it first. */
export async function lockAction(tx: DbOrTx, id: string): Promise<ActionRow | undefined> {
  const [row] = await tx.select().from(paymentActions).where(eq(paymentActions.id, id)).for('update')
  return row
}

export async function finishAction(tx: DbOrTx, id: string, status: Exclude<ActionStatus, 'pending'>, lastError: string | null = null): Promise<void> {
  await tx
    .update(paymentActions)
    .set({ status, lockedUntil: null, lastError, updatedAt: sql`now()` })
    .where(eq(paymentActions.id, id))
}

/** Puts a failed attempt back in the queue, due after `delayMs`. */
export async function scheduleRetry(tx: DbOrTx, id: string, delayMs: number, lastError: string): Promise<void> {
  await tx
    .update(paymentActions)
    .set({ dueAt: sql`now() + make_interval(secs => ${delayMs / 1000})`, lockedUntil: null, lastError, updatedAt: sql`now()` })
    .where(and(eq(paymentActions.id, id), eq(paymentActions.status, 'pending')))
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
