import { createHmac, randomBytes } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import type { Money } from '../../contracts/money.ts'
import type { Db, Tx } from '../../platform/db/db.ts'
import type { WorkQueue } from '../../platform/work-queue.ts'
import { brandOf } from './card.rules.ts'
import {
  type AuthorizeResult,
  type CardInput,
  type CreatedMethod,
  headerValue,
  type PaymentProvider,
  type PaymentReference,
  type ProviderEvent,
  ProviderError,
} from './payment-provider.ts'
import {
  type SimulatedOutcome,
  simulatorCharges,
  simulatorPaymentMethods,
  simulatorRefunds,
  simulatorRequests,
  simulatorWebhooks,
} from './simulator.tables.ts'
import type { QueuedWebhook } from './simulator-webhooks.ts'
import { toProviderEvent, verifySignatureHeader } from './webhook-signature.ts'

/** The test cards, as a processor's test mode knows them; any other Luhn-valid number succeeds. */
export const SIMULATOR_TEST_CARDS: Readonly<Record<string, SimulatedOutcome>> = {
  '4242424242424242': 'succeed',
  '4000000000000002': 'decline',
  '4000000000009995': 'insufficient_funds',
  '4000000000000259': 'dispute',
}

export const SIMULATOR_SIGNATURE_HEADER = 'Simulator-Signature'

/** A dispute comes after the capture, not with it: the cardholder has to see the charge first. */
const DISPUTE_DELAY_MS = 1_000

/** A stored answer: replayed as it was for the same key. */
type Answer = { ok: true; value: Record<string, unknown> } | { ok: false; code: string; message: string }

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`
}

function declineOf(outcome: SimulatedOutcome): AuthorizeResult | undefined {
  if (outcome === 'decline') return { ok: false, reason: 'declined', message: 'Your card was declined.' }
  if (outcome === 'insufficient_funds') return { ok: false, reason: 'insufficient_funds', message: 'Your card has insufficient funds.' }
  return undefined
}

/**
 * A card processor's test mode, kept in `simulator_*` tables: tokenizes cards, holds, captures,
 * voids and refunds, honours idempotency keys exactly as Stripe does, and raises a dispute
 * (a signed webhook) after a capture on 4000000000000259. Each call is one transaction of its
 * own: the processor's side, never inside one of the service's.
 */
export class SimulatorProvider implements PaymentProvider {
  readonly name = 'simulator'
  constructor(
    private readonly db: Db,
    private readonly secret: string,
    /** Where its webhooks wait to be sent to the service's endpoint. */
    readonly webhooks: WorkQueue<QueuedWebhook>,
  ) {}

  async createPaymentMethod(card: CardInput, idempotencyKey: string): Promise<CreatedMethod> {
    const value = await this.idempotent(idempotencyKey, ['payment_methods', card], async (tx) => {
      const method = {
        id: newId('pm_sim'),
        brand: brandOf(card.number),
        last4: card.number.slice(-4),
        expMonth: card.expMonth,
        expYear: card.expYear,
        fingerprint: this.hash(['card', card.number]).slice(0, 16),
        outcome: SIMULATOR_TEST_CARDS[card.number] ?? 'succeed',
      }
      await tx.insert(simulatorPaymentMethods).values(method)
      return { ok: true, value: { id: method.id, brand: method.brand, last4: method.last4, expMonth: method.expMonth, expYear: method.expYear } }
    })
    return value as unknown as CreatedMethod
  }

  async authorize(amount: Money, methodId: string, idempotencyKey: string, reference: PaymentReference): Promise<AuthorizeResult> {
    const value = await this.idempotent(idempotencyKey, ['authorize', amount, methodId], async (tx) => {
      const [method] = await tx.select().from(simulatorPaymentMethods).where(eq(simulatorPaymentMethods.id, methodId))
      if (!method) return { ok: true, value: { ok: false, reason: 'invalid_payment_method', message: `No such payment method: ${methodId}.` } }
      const decline = declineOf(method.outcome)
      if (decline) return { ok: true, value: decline }
      const now = new Date()
      if (method.expYear < now.getUTCFullYear() || (method.expYear === now.getUTCFullYear() && method.expMonth < now.getUTCMonth() + 1)) {
        return { ok: true, value: { ok: false, reason: 'declined', message: 'Your card has expired.' } }
      }
      const id = newId('ch_sim')
      await tx.insert(simulatorCharges).values({
        id,
        paymentMethodId: methodId,
        amountMinor: amount.amount,
        currency: amount.currency,
        status: 'requires_capture',
        metadata: { paymentId: reference.paymentId, orderId: reference.orderId },
      })
      return { ok: true, value: { ok: true, ref: id } }
    })
    return value as unknown as AuthorizeResult
  }

  async capture(ref: string, amount: Money, idempotencyKey: string): Promise<void> {
    await this.idempotent(idempotencyKey, ['capture', ref, amount], async (tx) => {
      const charge = await this.lockCharge(tx, ref)
      if (!charge) return { ok: false, code: 'resource_missing', message: `No such charge: ${ref}.` }
      if (charge.status !== 'requires_capture') return { ok: false, code: 'charge_unexpected_state', message: `This charge is ${charge.status} and cannot be captured.` }
      if (amount.amount > charge.amountMinor) return { ok: false, code: 'amount_too_large', message: `Cannot capture ${amount.amount}: only ${charge.amountMinor} was authorized.` }
      await tx
        .update(simulatorCharges)
        .set({ status: 'succeeded', capturedMinor: amount.amount, updatedAt: sql`now()` })
        .where(eq(simulatorCharges.id, ref))
      if (charge.outcome === 'dispute') {
        const dispute = {
          id: newId('dp_sim'),
          object: 'dispute',
          amount: amount.amount,
          currency: amount.currency.toLowerCase(),
          charge: ref,
          payment_intent: ref,
          reason: 'fraudulent',
          status: 'needs_response',
        }
        await this.queueWebhook(tx, 'charge.dispute.created', dispute, DISPUTE_DELAY_MS)
      }
      return { ok: true, value: { captured: amount.amount } }
    })
  }

  async void(ref: string, idempotencyKey: string): Promise<void> {
    await this.idempotent(idempotencyKey, ['void', ref], async (tx) => {
      const charge = await this.lockCharge(tx, ref)
      if (!charge) return { ok: false, code: 'resource_missing', message: `No such charge: ${ref}.` }
      if (charge.status !== 'requires_capture') return { ok: false, code: 'charge_unexpected_state', message: `This charge is ${charge.status} and cannot be voided.` }
      await tx.update(simulatorCharges).set({ status: 'canceled', updatedAt: sql`now()` }).where(eq(simulatorCharges.id, ref))
      await this.queueWebhook(tx, 'payment_intent.canceled', { id: ref, object: 'payment_intent', amount: charge.amountMinor, status: 'canceled' })
      return { ok: true, value: { voided: true } }
    })
  }

  async refund(ref: string, amount: Money, idempotencyKey: string): Promise<{ refundRef: string }> {
    const value = await this.idempotent(idempotencyKey, ['refund', ref, amount], async (tx) => {
      const charge = await this.lockCharge(tx, ref)
      if (!charge) return { ok: false, code: 'resource_missing', message: `No such charge: ${ref}.` }
      if (charge.status !== 'succeeded') return { ok: false, code: 'charge_not_captured', message: 'Only a captured charge can be refunded.' }
      const left = charge.capturedMinor - charge.refundedMinor
      if (amount.amount <= 0 || amount.amount > left) {
        return { ok: false, code: 'amount_too_large', message: `Refund amount (${amount.amount}) is greater than the unrefunded amount on the charge (${left}).` }
      }
      const id = newId('re_sim')
      await tx.insert(simulatorRefunds).values({ id, chargeId: ref, amountMinor: amount.amount })
      const refunded = charge.refundedMinor + amount.amount
      await tx.update(simulatorCharges).set({ refundedMinor: refunded, updatedAt: sql`now()` }).where(eq(simulatorCharges.id, ref))
      await this.queueWebhook(tx, 'charge.refunded', {
        id: ref,
        object: 'charge',
        payment_intent: ref,
        amount: charge.capturedMinor,
        amount_refunded: refunded,
        currency: charge.currency.toLowerCase(),
        refunded: refunded === charge.capturedMinor,
      })
      return { ok: true, value: { refundRef: id } }
    })
    return value as { refundRef: string }
  }

  verifyWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ProviderEvent {
    verifySignatureHeader(rawBody, headerValue(headers, SIMULATOR_SIGNATURE_HEADER), this.secret)
    return toProviderEvent(JSON.parse(rawBody.toString('utf8')))
  }

  private hash(value: unknown): string {
    return createHmac('sha256', this.secret).update(JSON.stringify(value)).digest('hex')
  }

  private async lockCharge(tx: Tx, id: string) {
    const [charge] = await tx.select().from(simulatorCharges).where(eq(simulatorCharges.id, id)).for('update')
    if (!charge) return undefined
    const [method] = await tx
      .select({ outcome: simulatorPaymentMethods.outcome })
      .from(simulatorPaymentMethods)
      .where(eq(simulatorPaymentMethods.id, charge.paymentMethodId))
    return { ...charge, outcome: method?.outcome ?? 'succeed' }
  }

  /** Queues an event; it goes out after `delayMs`, as a processor's notices come a little after the call. */
  private async queueWebhook(tx: Tx, type: string, object: Record<string, unknown>, delayMs = 200): Promise<void> {
    const id = newId('evt_sim')
    const payload = JSON.stringify({ id, object: 'event', type, created: Math.floor(Date.now() / 1000), livemode: false, data: { object } })
    await tx.insert(simulatorWebhooks).values({ id, type, payload, dueAt: sql`now() + make_interval(secs => ${delayMs / 1000})` })
    this.webhooks.dueIn(delayMs)
  }

  /**
   * Runs `operation` once per key. The key's row is taken first: a concurrent request with the
   * same key waits for the first to commit, then gets its answer. Refusals are answers too.
   */
  private async idempotent(key: string, request: unknown, operation: (tx: Tx) => Promise<Answer>): Promise<Record<string, unknown>> {
    const fingerprint = this.hash(request)
    const answer = await this.db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(simulatorRequests)
        .values({ idempotencyKey: key, fingerprint, response: {} })
        .onConflictDoNothing()
        .returning({ key: simulatorRequests.idempotencyKey })
      if (!claimed) {
        const [stored] = await tx.select().from(simulatorRequests).where(eq(simulatorRequests.idempotencyKey, key)).for('update')
        if (!stored) throw new ProviderError('processor_error', 'The idempotency record vanished; try again.', true)
        if (stored.fingerprint !== fingerprint) {
          return { ok: false, code: 'idempotency_error', message: `Keys for idempotent requests can only be used with the same parameters they were first used with (key ${key}).` } as Answer
        }
        await tx.update(simulatorRequests).set({ replays: sql`${simulatorRequests.replays} + 1` }).where(eq(simulatorRequests.idempotencyKey, key))
        return stored.response as unknown as Answer
      }
      const result = await operation(tx)
      await tx.update(simulatorRequests).set({ response: result as unknown as Record<string, unknown> }).where(eq(simulatorRequests.idempotencyKey, key))
      return result
    })
    if (!answer.ok) throw new ProviderError(answer.code, answer.message, false)
    return answer.value
  }
}
