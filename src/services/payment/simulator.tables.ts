import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, jsonb, text, timestamp } from 'drizzle-orm/pg-core'
import { paymentSchema } from './payment.tables.ts'

/**
 * The simulator's own state, as a card processor's test mode keeps it: in tables of the payment
 * schema (so it survives restarts) that only simulator-provider.ts touches. The service's tables
 * never join these: to the service the simulator is as remote as Stripe.
 */

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow()
const minor = () => bigint({ mode: 'number' })

export const SIMULATED_OUTCOMES = ['succeed', 'decline', 'insufficient_funds', 'dispute'] as const
export type SimulatedOutcome = (typeof SIMULATED_OUTCOMES)[number]

/** A tokenized card: what the test card number decides, never the number itself. */
export const simulatorPaymentMethods = paymentSchema.table(
  'simulator_payment_methods',
  {
    id: text().primaryKey(),
    brand: text().notNull(),
    last4: text().notNull(),
    expMonth: integer().notNull(),
    expYear: integer().notNull(),
    /** A keyed hash of the number: the same card gives the same fingerprint. */
    fingerprint: text().notNull(),
    outcome: text().$type<SimulatedOutcome>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('simulator_payment_methods_outcome_check', sql`${t.outcome} IN ('succeed', 'decline', 'insufficient_funds', 'dispute')`)],
)

/** An authorization and what became of it: held, captured (then maybe refunded), or cancelled. */
export const simulatorCharges = paymentSchema.table(
  'simulator_charges',
  {
    id: text().primaryKey(),
    paymentMethodId: text()
      .notNull()
      .references(() => simulatorPaymentMethods.id),
    amountMinor: minor().notNull(),
    currency: text().notNull(),
    status: text().$type<'requires_capture' | 'succeeded' | 'canceled'>().notNull(),
    capturedMinor: minor().notNull().default(0),
    refundedMinor: minor().notNull().default(0),
    metadata: jsonb().$type<Record<string, string>>(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    check('simulator_charges_status_check', sql`${t.status} IN ('requires_capture', 'succeeded', 'canceled')`),
    check('simulator_charges_captured_check', sql`${t.capturedMinor} >= 0 AND ${t.capturedMinor} <= ${t.amountMinor}`),
    check('simulator_charges_refunded_check', sql`${t.refundedMinor} >= 0 AND ${t.refundedMinor} <= ${t.capturedMinor}`),
  ],
)

export const simulatorRefunds = paymentSchema.table(
  'simulator_refunds',
  {
    id: text().primaryKey(),
    chargeId: text()
      .notNull()
      .references(() => simulatorCharges.id),
    amountMinor: minor().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('simulator_refunds_charge_idx').on(t.chargeId), check('simulator_refunds_amount_check', sql`${t.amountMinor} > 0`)],
)

/** Idempotency as Stripe keeps it: the first answer per key, replayed; another request under the same key is refused. */
export const simulatorRequests = paymentSchema.table('simulator_requests', {
  idempotencyKey: text().primaryKey(),
  /** A keyed hash of the operation and its parameters. */
  fingerprint: text().notNull(),
  response: jsonb().$type<Record<string, unknown>>().notNull(),
  /** How many times the stored answer was given again. */
  replays: integer().notNull().default(0),
  createdAt: createdAt(),
})

/** Events the simulator sends to the service's webhook endpoint, signed, until it answers 2xx (a work queue, platform/work-queue.ts). */
export const simulatorWebhooks = paymentSchema.table(
  'simulator_webhooks',
  {
    id: text().primaryKey(),
    type: text().notNull(),
    /** The exact JSON body that is signed and sent. */
    payload: text().notNull(),
    attempts: integer().notNull().default(0),
    dueAt: createdAt(),
    claimedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('simulator_webhooks_due_idx').on(t.dueAt).where(sql`${t.deliveredAt} IS NULL`)],
)
