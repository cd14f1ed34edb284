import { and, eq } from 'drizzle-orm'
import { paymentDisputed } from '../../contracts/payment.messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import { BadRequest, NotFound } from '../../platform/errors.ts'
import { findPaymentTrail } from './actions.repo.ts'
import { addEvent } from './events.repo.ts'
import type { PaymentDeps } from './payment.deps.ts'
import { emit, moneyOf, paymentRefOf } from './payment.outbox.ts'
import { type ProviderEvent, WebhookSignatureError } from './payment-provider.ts'
import { type PaymentRow, webhookEvents } from './payment.tables.ts'
import { lockPaymentByRef, updatePayment } from './payments.repo.ts'

/**
 * A provider webhook: the signature is checked against the raw body (400 otherwise), then the
 * event is applied once by its provider event id, with a line in the payment's history. A
 * dispute marks the payment disputed and sends payment.disputed; refund and cancellation
 * notices confirm what the worker already recorded.
 */
export async function receiveWebhook(
  deps: PaymentDeps,
  provider: string,
  rawBody: Buffer | undefined,
  headers: Record<string, string | string[] | undefined>,
): Promise<{ received: true; duplicate: boolean }> {
  if (provider !== deps.provider.name) throw new NotFound(`Webhook endpoint for provider "${provider}"`)
  const event = verify(deps, rawBody ?? Buffer.alloc(0), headers)
  return deps.db.transaction(async (tx) => {
    const [fresh] = await tx
      .insert(webhookEvents)
      .values({ provider, eventId: event.id, type: event.type })
      .onConflictDoNothing()
      .returning({ eventId: webhookEvents.eventId })
    if (!fresh) return { received: true as const, duplicate: true }
    const payment = event.ref ? await lockPaymentByRef(tx, provider, event.ref) : undefined
    if (!payment) {
      deps.log.info({ eventId: event.id, type: event.type, ref: event.ref }, 'webhook about no payment of ours; recorded and ignored')
      return { received: true as const, duplicate: false }
    }
    await tx.update(webhookEvents).set({ paymentId: payment.id }).where(eqEvent(provider, event.id))
    await applyEvent(deps, tx, payment, event)
    return { received: true as const, duplicate: false }
  })
}

function verify(deps: PaymentDeps, rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ProviderEvent {
  try {
    return deps.provider.verifyWebhook(rawBody, headers)
  } catch (err) {
    if (err instanceof WebhookSignatureError) throw new BadRequest(err.message, undefined, 'invalid_webhook_signature')
    if (err instanceof SyntaxError) throw new BadRequest('The webhook body is not JSON.', undefined, 'invalid_webhook_body')
    throw err
  }
}

function eqEvent(provider: string, eventId: string) {
  return and(eq(webhookEvents.provider, provider), eq(webhookEvents.eventId, eventId))
}

async function applyEvent(deps: PaymentDeps, tx: Tx, payment: PaymentRow, event: ProviderEvent): Promise<void> {
  switch (event.kind) {
    case 'dispute': {
      const amount = moneyOf(event.amountMinor ?? payment.capturedMinor, event.currency ?? payment.currency)
      const reason = event.reason ?? 'general'
      await addEvent(tx, payment.id, 'disputed', { amount, reason, providerEventId: event.id })
      if (payment.disputedAt) return
      await updatePayment(tx, payment.id, { disputedAt: new Date() })
      const ref = paymentRefOf(payment)
      if (ref) await emit(deps, tx, paymentDisputed({ ...ref, amount, reason }), await findPaymentTrail(tx, payment.id))
      return
    }
    case 'refunded':
      await addEvent(tx, payment.id, 'provider_refund_confirmed', {
        providerEventId: event.id,
        ...(event.amountMinor !== undefined ? { refundedTotal: moneyOf(event.amountMinor, event.currency ?? payment.currency) } : {}),
      })
      return
    case 'canceled':
      await addEvent(tx, payment.id, 'provider_void_confirmed', { providerEventId: event.id })
      return
    case 'other':
      await addEvent(tx, payment.id, 'provider_event', { providerEventId: event.id, type: event.type })
      return
  }
}
