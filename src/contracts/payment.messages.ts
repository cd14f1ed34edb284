import { z } from 'zod'
import { defineMessage } from './message.ts'
import { Money } from './money.ts'

// --- Commands (sent by the order saga; each is idempotent by order id, refunds by refund id) ---

/**
 * Authorize the order's total on the payment method the customer gave at checkout (a token
 * from POST /api/payments/methods: card numbers never travel on the bus). Answered by
 * payment.authorized or payment.failed.
 */
export const paymentAuthorize = defineMessage(
  'payment.authorize',
  z.object({
    orderId: z.uuid(),
    customerId: z.uuid(),
    email: z.email(),
    amount: Money,
    paymentMethodId: z.string().min(1).max(255),
  }),
)

/** Capture the order's authorization in full. Answered by payment.captured or payment.capture_failed. */
export const paymentCapture = defineMessage('payment.capture', z.object({ orderId: z.uuid() }))

/**
 * The order no longer wants the money, whatever stage the payment is at: an authorization is
 * voided, a captured payment is refunded in full, and a payment not authorized yet is voided as
 * soon as its authorization lands (or refused if it has not started). Answered by
 * payment.voided or payment.refunded.
 */
export const paymentVoid = defineMessage('payment.void', z.object({ orderId: z.uuid(), reason: z.string().min(1) }))

/** Refund part or (without an amount) the rest of a captured payment. Idempotent by refundId. Answered by payment.refunded or payment.refund_failed. */
export const paymentRefund = defineMessage(
  'payment.refund',
  z.object({ orderId: z.uuid(), refundId: z.uuid(), amount: Money.optional(), reason: z.string().min(1) }),
)

// --- Events ---

const PaymentRef = { orderId: z.uuid(), paymentId: z.uuid(), customerId: z.uuid(), email: z.email() }

export const paymentAuthorized = defineMessage(
  'payment.authorized',
  z.object({ ...PaymentRef, amount: Money, provider: z.string() }),
)

export const PaymentFailureReason = z.enum(['declined', 'insufficient_funds', 'invalid_payment_method', 'processor_error', 'cancelled'])

export const paymentFailed = defineMessage(
  'payment.failed',
  z.object({ ...PaymentRef, reason: PaymentFailureReason, message: z.string() }),
)

export const paymentCaptured = defineMessage('payment.captured', z.object({ ...PaymentRef, amount: Money }))

export const paymentCaptureFailed = defineMessage(
  'payment.capture_failed',
  z.object({ ...PaymentRef, reason: z.string(), message: z.string() }),
)

export const paymentVoided = defineMessage('payment.voided', z.object({ ...PaymentRef, reason: z.string() }))

export const paymentRefunded = defineMessage(
  'payment.refunded',
  z.object({
    ...PaymentRef,
    /** The refund command's id, or a new one when a void of a captured payment refunded it. */
    refundId: z.uuid(),
    amount: Money,
    /** Everything refunded on this payment so far. */
    refundedTotal: Money,
    status: z.enum(['refunded', 'partially_refunded']),
  }),
)

export const paymentRefundFailed = defineMessage(
  'payment.refund_failed',
  z.object({ orderId: z.uuid(), refundId: z.uuid(), reason: z.string(), message: z.string() }),
)

/** The cardholder disputed a captured payment (a chargeback). */
export const paymentDisputed = defineMessage('payment.disputed', z.object({ ...PaymentRef, amount: Money, reason: z.string() }))
