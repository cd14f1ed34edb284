import type { Money } from '../../contracts/money.ts'

/** A card as the customer typed it: it goes to the provider once, to be tokenized, and is never stored. */
export interface CardInput {
  number: string
  expMonth: number
  expYear: number
  cvc: string
}

export interface CreatedMethod {
  id: string
  brand: string
  last4: string
  expMonth: number
  expYear: number
}

export type DeclineReason = 'declined' | 'insufficient_funds' | 'invalid_payment_method'

export type AuthorizeResult = { ok: true; ref: string } | { ok: false; reason: DeclineReason; message: string }

/** What the payment is, for the provider's records (metadata, descriptions). */
export interface PaymentReference {
  paymentId: string
  orderId: string
}

/** A verified provider webhook, reduced to what the service acts on. */
export interface ProviderEvent {
  /** The provider's event id: a redelivery carries the same one. */
  id: string
  /** The provider's own event type, e.g. `charge.dispute.created`. */
  type: string
  kind: 'dispute' | 'refunded' | 'canceled' | 'other'
  /** The authorization it is about (our payments.provider_ref), when it names one. */
  ref: string | null
  amountMinor?: number
  currency?: string
  reason?: string
}

/**
 * The one door to a card processor. Every money-moving call carries an idempotency key derived
 * from the command (`authorize:<paymentId>`, `capture:<paymentId>`, `void:<paymentId>`,
 * `refund:<refundId>`): the same key returns the first result and never moves money twice; the
 * same key with other parameters is refused.
 */
export interface PaymentProvider {
  readonly name: 'simulator' | 'stripe'
  createPaymentMethod(card: CardInput, idempotencyKey: string): Promise<CreatedMethod>
  /** Places a hold of `amount` on the method; a decline is an answer, not an error. */
  authorize(amount: Money, methodId: string, idempotencyKey: string, reference: PaymentReference): Promise<AuthorizeResult>
  capture(ref: string, amount: Money, idempotencyKey: string): Promise<void>
  void(ref: string, idempotencyKey: string): Promise<void>
  refund(ref: string, amount: Money, idempotencyKey: string): Promise<{ refundRef: string }>
  /** Checks the signature and parses the event; throws WebhookSignatureError otherwise. */
  verifyWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ProviderEvent
}

/**
 * A call that did not produce an answer to act on. `retryable` errors (network, timeouts, 5xx,
 * a concurrent request with the same key) are tried again with the same idempotency key; the
 * others (bad parameters, a key reused with other parameters, amounts over the limit) end the action.
 */
export class ProviderError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message)
    this.name = 'ProviderError'
  }
}

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WebhookSignatureError'
  }
}

/**
 * Any failure as a ProviderError: what is not known to be permanent is retried. An unexpected
 * error's own text stays in the logs (it may carry internals); the history and the events get a
 * plain message.
 */
export function asProviderError(err: unknown): ProviderError {
  if (err instanceof ProviderError) return err
  return new ProviderError('processor_error', 'The payment provider call failed.', true)
}

export function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}
