import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import type { ActionKind, ActionStatus, PaymentStatus, RefundSource, RefundStatus } from './payment.rules.ts'

export const paymentSchema = pgSchema('payment')

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow()
/** Money columns: integer minor units (bigint: an order may exceed 2^31 cents) next to a currency. */
const minor = () => bigint({ mode: 'number' })

/**
 * A tokenized card: the provider's id and what may be shown of it, never the number. It belongs
 * to the customer who created it; only they can pay with it.
 */
export const paymentMethods = paymentSchema.table(
  'payment_methods',
  {
    id: text().primaryKey(),
    customerId: uuid().notNull(),
    provider: text().notNull(),
    brand: text().notNull(),
    last4: text().notNull(),
    expMonth: integer().notNull(),
    expYear: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('payment_methods_customer_idx').on(t.customerId),
    check('payment_methods_exp_month_check', sql`${t.expMonth} BETWEEN 1 AND 12`),
    check('payment_methods_last4_check', sql`${t.last4} ~ '^[0-9]{4}$'`),
  ],
)
export type PaymentMethodRow = typeof paymentMethods.$inferSelect

/**
 * One per order (the unique order id makes a replayed authorize a no-op). `origin = 'void'` is
 * a tombstone: the order was voided before any authorize arrived, so a later one is refused.
 */
export const payments = paymentSchema.table(
  'payments',
  {
    id: uuid().primaryKey(),
    orderId: uuid().notNull().unique('payments_order_id_unique'),
    origin: text().$type<'authorize' | 'void'>().notNull(),
    customerId: uuid(),
    email: text(),
    provider: text().notNull(),
    paymentMethodId: text(),
    cardBrand: text(),
    cardLast4: text(),
    status: text().$type<PaymentStatus>().notNull(),
    amountMinor: minor().notNull(),
    capturedMinor: minor().notNull().default(0),
    refundedMinor: minor().notNull().default(0),
    currency: text().notNull(),
    /** The provider's reference of the authorization (a PaymentIntent id, a simulator charge id). */
    providerRef: text(),
    failureReason: text(),
    failureMessage: text(),
    disputedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index('payments_customer_created_idx').on(t.customerId, t.createdAt),
    index('payments_provider_ref_idx').on(t.providerRef),
    check('payments_status_check', sql`${t.status} IN ('pending', 'authorized', 'captured', 'partially_refunded', 'refunded', 'voided', 'failed')`),
    check('payments_origin_check', sql`${t.origin} IN ('authorize', 'void')`),
    check('payments_amount_check', sql`${t.amountMinor} >= 0`),
    check('payments_captured_check', sql`${t.capturedMinor} >= 0 AND ${t.capturedMinor} <= ${t.amountMinor}`),
    // Never give back more than was taken, whatever the code does.
    check('payments_refunded_check', sql`${t.refundedMinor} >= 0 AND ${t.refundedMinor} <= ${t.capturedMinor}`),
  ],
)
export type PaymentRow = typeof payments.$inferSelect

/** Refunds by id: the refund command's refundId, an admin refund's new id, or the refund a void of a captured payment made. */
export const refunds = paymentSchema.table(
  'refunds',
  {
    id: uuid().primaryKey(),
    paymentId: uuid()
      .notNull()
      .references(() => payments.id),
    /** Null until run when the command asked for "the rest". */
    amountMinor: minor(),
    currency: text().notNull(),
    status: text().$type<RefundStatus>().notNull(),
    source: text().$type<RefundSource>().notNull(),
    reason: text(),
    requestedBy: uuid(),
    providerRef: text(),
    failureReason: text(),
    failureMessage: text(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index('refunds_payment_idx').on(t.paymentId),
    check('refunds_amount_check', sql`${t.amountMinor} > 0`),
    check('refunds_status_check', sql`${t.status} IN ('pending', 'succeeded', 'failed')`),
    check('refunds_source_check', sql`${t.source} IN ('command', 'admin', 'void')`),
  ],
)
export type RefundRow = typeof refunds.$inferSelect

/**
 * The work queue of provider calls (platform/work-queue.ts). Handlers only add rows; the worker
 * runs them (a lease in `claimed_until`), calls the provider outside any transaction, then
 * records the outcome. A payment's actions run one at a time in `step` order.
 */
export const paymentActions = paymentSchema.table(
  'payment_actions',
  {
    id: uuid().primaryKey(),
    paymentId: uuid()
      .notNull()
      .references(() => payments.id),
    step: integer().notNull(),
    kind: text().$type<ActionKind>().notNull(),
    refundId: uuid().references(() => refunds.id),
    /** Why the order gave the money up (void). */
    reason: text(),
    status: text().$type<ActionStatus>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    dueAt: createdAt(),
    claimedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    /** The command that asked for it: the answer joins its trail. */
    correlationId: text(),
    causationId: uuid(),
    traceparent: text(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('payment_actions_step_idx').on(t.paymentId, t.step),
    // Authorize, capture and void happen at most once per payment; refunds once per refund id.
    uniqueIndex('payment_actions_once_idx').on(t.paymentId, t.kind).where(sql`${t.kind} <> 'refund'`),
    uniqueIndex('payment_actions_refund_idx').on(t.refundId),
    index('payment_actions_due_idx').on(t.dueAt).where(sql`${t.status} = 'pending'`),
    check('payment_actions_kind_check', sql`${t.kind} IN ('authorize', 'capture', 'void', 'refund')`),
    check('payment_actions_status_check', sql`${t.status} IN ('pending', 'done', 'failed')`),
    check('payment_actions_step_check', sql`${t.step} > 0`),
  ],
)
export type ActionRow = typeof paymentActions.$inferSelect

/** The payment's history: every state change, provider attempt and webhook, with time and data. */
export const paymentEvents = paymentSchema.table(
  'payment_events',
  {
    id: uuid().primaryKey(),
    paymentId: uuid()
      .notNull()
      .references(() => payments.id),
    type: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index('payment_events_payment_idx').on(t.paymentId, t.createdAt)],
)
export type PaymentEventRow = typeof paymentEvents.$inferSelect

/** Provider webhooks already applied, by the provider's event id: a redelivery changes nothing. */
export const webhookEvents = paymentSchema.table(
  'webhook_events',
  {
    provider: text().notNull(),
    eventId: text().notNull(),
    type: text().notNull(),
    paymentId: uuid(),
    receivedAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'webhook_events_pkey', columns: [t.provider, t.eventId] })],
)
