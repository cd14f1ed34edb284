import { createRequire } from 'node:module'
import type Stripe from 'stripe'
import type { Money } from '../../contracts/money.ts'
import {
  type AuthorizeResult,
  type CardInput,
  type CreatedMethod,
  headerValue,
  type PaymentProvider,
  type PaymentReference,
  type ProviderEvent,
  ProviderError,
  WebhookSignatureError,
} from './payment-provider.ts'
import { toProviderEvent } from './webhook-signature.ts'

export interface StripeSettings {
  secretKey: string
  webhookSecret: string
  /** Where the API is, when not Stripe's own (a local fake in tests, a proxy). */
  apiUrl: string | undefined
  /** Per request: a hung call is given up after this long and tried again with the same key. */
  timeoutMs: number
}

/** The SDK's fields of an API error that we read; the SDK's error classes carry them all. */
interface StripeErrorLike {
  type?: string
  statusCode?: number
  code?: string
  decline_code?: string
  param?: string
  message?: string
}

function clientOptions(settings: StripeSettings): ConstructorParameters<typeof Stripe>[1] {
  // We retry ourselves, with the same idempotency key, from the payment worker.
  const base = { maxNetworkRetries: 0, timeout: settings.timeoutMs, telemetry: false }
  if (!settings.apiUrl) return base
  const url = new URL(settings.apiUrl)
  const protocol = url.protocol === 'http:' ? ('http' as const) : ('https' as const)
  return { ...base, host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol }
}

/** Maps an SDK error to a ProviderError: network trouble, 5xx, 429 and a concurrent same-key request are retried. */
export function toProviderError(err: unknown): ProviderError {
  const e = (err ?? {}) as StripeErrorLike
  const message = e.message ?? 'The payment provider failed.'
  switch (e.type) {
    case 'StripeConnectionError':
    case 'StripeAPIError':
    case 'StripeRateLimitError':
      return new ProviderError(e.code ?? 'processor_unavailable', message, true)
    case 'StripeIdempotencyError':
      return new ProviderError('idempotency_error', message, e.statusCode === 409)
    case 'StripeCardError':
      return new ProviderError(e.decline_code || e.code || 'card_declined', message, false)
    case 'StripeInvalidRequestError':
    case 'StripeAuthenticationError':
    case 'StripePermissionError':
      return new ProviderError(e.code ?? 'invalid_request', message, false)
  }
  const status = e.statusCode
  return new ProviderError(e.code ?? 'processor_error', message, status === undefined || status >= 500 || status === 409 || status === 429)
}

/**
 * Stripe through its official SDK: PaymentIntents with manual capture (`requires_capture` means
 * authorized), card errors as declines, refunds against the PaymentIntent, and signed webhooks
 * checked with `stripe.webhooks.constructEvent`. Every call passes its idempotency key.
 */
export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe'
  private readonly stripe: Stripe

  constructor(private readonly settings: StripeSettings) {
    // Loaded here, not at import: a shop on the simulator never pays for loading the SDK.
    const StripeSdk = createRequire(import.meta.url)('stripe') as typeof Stripe
    this.stripe = new StripeSdk(settings.secretKey, clientOptions(settings))
  }

  async createPaymentMethod(card: CardInput, idempotencyKey: string): Promise<CreatedMethod> {
    try {
      const pm = await this.stripe.paymentMethods.create(
        { type: 'card', card: { number: card.number, exp_month: card.expMonth, exp_year: card.expYear, cvc: card.cvc } },
        { idempotencyKey },
      )
      return {
        id: pm.id,
        brand: pm.card?.brand ?? 'unknown',
        last4: pm.card?.last4 ?? card.number.slice(-4),
        expMonth: pm.card?.exp_month ?? card.expMonth,
        expYear: pm.card?.exp_year ?? card.expYear,
      }
    } catch (err) {
      throw toProviderError(err)
    }
  }

  async authorize(amount: Money, methodId: string, idempotencyKey: string, reference: PaymentReference): Promise<AuthorizeResult> {
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: amount.amount,
          currency: amount.currency.toLowerCase(),
          payment_method: methodId,
          // Confirmed here, server side: no redirect-based method, and a card that needs 3-D Secure is a decline.
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          error_on_requires_action: true,
          capture_method: 'manual',
          confirm: true,
          metadata: { paymentId: reference.paymentId, orderId: reference.orderId },
        },
        { idempotencyKey },
      )
      if (intent.status === 'requires_capture') return { ok: true, ref: intent.id }
      if (intent.status === 'requires_action') {
        return { ok: false, reason: 'declined', message: 'The card needs authentication this checkout does not support.' }
      }
      return { ok: false, reason: 'declined', message: `The payment could not be authorized (${intent.status}).` }
    } catch (err) {
      const e = err as StripeErrorLike
      if (e.type === 'StripeCardError') {
        const code = e.decline_code || e.code
        return { ok: false, reason: code === 'insufficient_funds' ? 'insufficient_funds' : 'declined', message: e.message ?? 'Your card was declined.' }
      }
      if (e.type === 'StripeInvalidRequestError' && e.code === 'resource_missing' && e.param === 'payment_method') {
        return { ok: false, reason: 'invalid_payment_method', message: e.message ?? 'No such payment method.' }
      }
      throw toProviderError(err)
    }
  }

  async capture(ref: string, amount: Money, idempotencyKey: string): Promise<void> {
    await this.call(() => this.stripe.paymentIntents.capture(ref, { amount_to_capture: amount.amount }, { idempotencyKey }))
  }

  async void(ref: string, idempotencyKey: string): Promise<void> {
    await this.call(() => this.stripe.paymentIntents.cancel(ref, {}, { idempotencyKey }))
  }

  async refund(ref: string, amount: Money, idempotencyKey: string): Promise<{ refundRef: string }> {
    const refund = await this.call(() => this.stripe.refunds.create({ payment_intent: ref, amount: amount.amount }, { idempotencyKey }))
    if (refund.status === 'failed' || refund.status === 'canceled') {
      throw new ProviderError(refund.failure_reason ?? 'refund_failed', `The refund ${refund.id} ${refund.status}.`, false)
    }
    return { refundRef: refund.id }
  }

  verifyWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ProviderEvent {
    const header = headerValue(headers, 'stripe-signature')
    if (!header) throw new WebhookSignatureError('The webhook is not signed.')
    let event: unknown
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, header, this.settings.webhookSecret)
    } catch (err) {
      throw new WebhookSignatureError(err instanceof Error ? err.message : 'The webhook signature does not match.')
    }
    return toProviderEvent(event)
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request()
    } catch (err) {
      throw toProviderError(err)
    }
  }
}
