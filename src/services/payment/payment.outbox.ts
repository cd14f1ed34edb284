import type { Envelope, OutgoingMessage } from '../../contracts/message.ts'
import { currentContext } from '../../platform/context.ts'
import type { DbOrTx } from '../../platform/db/db.ts'
import type { Trail } from './actions.repo.ts'
import type { PaymentDeps } from './payment.deps.ts'
import type { PaymentRow } from './payment.tables.ts'

/** The trail of a consumed command: its answer, even one sent later by the worker, continues it. */
export function trailOf(msg: Pick<Envelope, 'id' | 'correlationId' | 'traceparent'>): Trail {
  return { correlationId: msg.correlationId, causationId: msg.id, traceparent: msg.traceparent }
}

/** The trail of the HTTP request being handled. */
export function requestTrail(): Trail {
  const context = currentContext()
  return { correlationId: context?.correlationId ?? null, causationId: null, traceparent: context?.traceparent ?? null }
}

/** Writes an outgoing message in `tx`, joined to the trail of what caused it. */
export async function emit(deps: PaymentDeps, tx: DbOrTx, message: OutgoingMessage, trail: Trail): Promise<void> {
  if (trail.causationId && trail.correlationId) {
    await deps.outbox.add(tx, message, { causedBy: { id: trail.causationId, correlationId: trail.correlationId, traceparent: trail.traceparent } })
    return
  }
  await deps.outbox.add(tx, message, {
    ...(trail.correlationId ? { correlationId: trail.correlationId } : {}),
    ...(trail.traceparent ? { traceparent: trail.traceparent } : {}),
  })
}

/** Who and which order, as every payment event carries it; undefined for a tombstone nobody claimed. */
export function paymentRefOf(p: PaymentRow): { orderId: string; paymentId: string; customerId: string; email: string } | undefined {
  if (!p.customerId || !p.email) return undefined
  return { orderId: p.orderId, paymentId: p.id, customerId: p.customerId, email: p.email }
}

export function moneyOf(amountMinor: number, currency: string): { amount: number; currency: string } {
  return { amount: amountMinor, currency }
}
