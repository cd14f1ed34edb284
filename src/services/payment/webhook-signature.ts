import { createHmac, timingSafeEqual } from 'node:crypto'
import { type ProviderEvent, WebhookSignatureError } from './payment-provider.ts'

/**
 * Webhook signatures as Stripe makes them: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`
 * keyed with the endpoint's secret. The simulator signs its webhooks the same way.
 */

/** How old a signed timestamp may be before the webhook is refused as a replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300

export function signatureOf(payload: string | Buffer, secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(payload).digest('hex')
}

export function signatureHeader(payload: string | Buffer, secret: string, timestamp: number = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${signatureOf(payload, secret, timestamp)}`
}

/** Throws WebhookSignatureError unless one of the header's v1 signatures matches and its timestamp is recent. */
export function verifySignatureHeader(
  payload: Buffer,
  header: string | undefined,
  secret: string,
  nowMs: number = Date.now(),
  toleranceSeconds: number = SIGNATURE_TOLERANCE_SECONDS,
): void {
  if (!header) throw new WebhookSignatureError('The webhook is not signed.')
  const parts = header.split(',').map((p) => p.trim().split('='))
  const timestamp = Number(parts.find(([k]) => k === 't')?.[1])
  const signatures = parts.filter(([k, v]) => k === 'v1' && v).map(([, v]) => v as string)
  if (!Number.isInteger(timestamp) || signatures.length === 0) throw new WebhookSignatureError('The webhook signature header is malformed.')
  if (Math.abs(nowMs / 1000 - timestamp) > toleranceSeconds) throw new WebhookSignatureError('The webhook signature has expired.')
  const expected = Buffer.from(signatureOf(payload, secret, timestamp), 'hex')
  const matches = signatures.some((s) => {
    const given = Buffer.from(s, 'hex')
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
  if (!matches) throw new WebhookSignatureError('The webhook signature does not match.')
}

interface StripeShapedEvent {
  id: string
  type: string
  data: { object: Record<string, unknown> }
}

function isStripeShaped(value: unknown): value is StripeShapedEvent {
  const v = value as StripeShapedEvent | null
  return typeof v?.id === 'string' && typeof v.type === 'string' && typeof v.data?.object === 'object' && v.data.object !== null
}

function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id
  return null
}

/** Reduces a Stripe-shaped event (Stripe's own, or the simulator's) to what the service acts on. */
export function toProviderEvent(value: unknown): ProviderEvent {
  if (!isStripeShaped(value)) throw new WebhookSignatureError('The webhook body is not an event.')
  const object = value.data.object
  const base = { id: value.id, type: value.type }
  const currency = typeof object.currency === 'string' ? object.currency.toUpperCase() : undefined
  switch (value.type) {
    case 'charge.dispute.created':
      return {
        ...base,
        kind: 'dispute',
        ref: idOf(object.payment_intent),
        ...(typeof object.amount === 'number' ? { amountMinor: object.amount } : {}),
        ...(currency ? { currency } : {}),
        reason: typeof object.reason === 'string' ? object.reason : 'general',
      }
    case 'charge.refunded':
      return {
        ...base,
        kind: 'refunded',
        ref: idOf(object.payment_intent),
        ...(typeof object.amount_refunded === 'number' ? { amountMinor: object.amount_refunded } : {}),
        ...(currency ? { currency } : {}),
      }
    case 'payment_intent.canceled':
      return { ...base, kind: 'canceled', ref: idOf(object.id) }
    default:
      return { ...base, kind: 'other', ref: idOf(object.payment_intent) ?? (object.object === 'payment_intent' ? idOf(object.id) : null) }
  }
}
