/**
 * The checkout saga as one transition table (DESIGN.md "Checkout saga"): given where an order
 * stands and what happened, what changes — status, saga step, its deadline, the money and stock
 * facts — and which commands go out. Every change of those goes through `transition`; handlers
 * and use cases only write what it answers. Each cell is guarded by the current state, so a late
 * or repeated message finds nothing to do, or only something to undo. Pure, no I/O.
 */
import { Conflict } from '../../platform/errors.ts'
import { canMove, type CancellationReason, type OrderStatus, type PaymentStatus, type SagaStep } from './order.rules.ts'

/** A command the saga sends: inventory.reserve/commit/release, payment.authorize/capture/void. */
export type SagaCommand = 'reserve' | 'authorize' | 'commit' | 'capture' | 'release' | 'void'

/** What the saga knows of an order. */
export interface SagaState {
  status: OrderStatus
  step: SagaStep
  payment: PaymentStatus
  /** Everything refunded so far, in minor units. */
  refundedMinor: number
  stockCommitted: boolean
}

/** What happened to an order: a message, the clock, or a person. */
export type SagaEvent =
  | { type: 'reserved' }
  | { type: 'reservation_failed' }
  | { type: 'authorized' }
  /** `voided`: the authorization was refused because the order had been voided before it. */
  | { type: 'payment_failed'; voided?: boolean }
  | { type: 'committed' }
  | { type: 'commit_failed' }
  | { type: 'captured' }
  | { type: 'capture_failed' }
  | { type: 'voided' }
  | { type: 'refunded'; refundedTotal: number; fully: boolean }
  | { type: 'disputed' }
  | { type: 'shipped' }
  | { type: 'delivered' }
  /** Every unit of the order has come back. */
  | { type: 'returned' }
  | { type: 'deadline_passed' }
  | { type: 'customer_cancel' }

export type SagaEventType = SagaEvent['type']

export const SAGA_EVENT_TYPES: readonly SagaEventType[] = [
  'reserved',
  'reservation_failed',
  'authorized',
  'payment_failed',
  'committed',
  'commit_failed',
  'captured',
  'capture_failed',
  'voided',
  'refunded',
  'disputed',
  'shipped',
  'delivered',
  'returned',
  'deadline_passed',
  'customer_cancel',
]

export interface Transition {
  /** What the event came to, for the saga log and the metrics. */
  outcome: 'advanced' | 'confirmed' | 'cancelled' | 'compensated' | 'recorded' | 'ignored'
  /** The statuses the order enters, in order: each gets a history row and its event. */
  enters: OrderStatus[]
  step?: SagaStep
  payment?: PaymentStatus
  refundedMinor?: number
  stockCommitted?: true
  /** The step deadline starts again, or there is none any more; absent: unchanged. */
  deadline?: 'restart' | 'clear'
  reason?: CancellationReason
  send: SagaCommand[]
}

const IGNORE: Transition = { outcome: 'ignored', enters: [], send: [] }

/** How far the money has gone; a late fact about an earlier stage does not move it back. */
const PAYMENT_RANK: Readonly<Record<PaymentStatus, number>> = {
  pending: 0,
  authorized: 1,
  failed: 2,
  captured: 3,
  partially_refunded: 4,
  refunded: 5,
  voided: 5,
  disputed: 6,
}

/** The payment status after a fact about it, or undefined when the fact is not past what is known. */
function paymentAfter(current: PaymentStatus, incoming: PaymentStatus): PaymentStatus | undefined {
  return PAYMENT_RANK[incoming] > PAYMENT_RANK[current] ? incoming : undefined
}

/** Only a fact about the money: recorded when it moves the payment on, ignored otherwise. */
function record(state: SagaState, payment: PaymentStatus, extra: Partial<Transition> = {}): Transition {
  const next = paymentAfter(state.payment, payment)
  if (next === undefined && Object.keys(extra).length === 0) return IGNORE
  return { outcome: 'recorded', enters: [], send: [], ...(next ? { payment: next } : {}), ...extra }
}

function cancel(reason: CancellationReason, send: SagaCommand[], extra: Partial<Transition> = {}): Transition {
  return { outcome: 'cancelled', enters: ['cancelled'], step: 'done', deadline: 'clear', reason, send, ...extra }
}

/** What undoes the saga's work so far: the reservation always, the payment once it was asked for. */
function undo(state: SagaState): SagaCommand[] {
  return state.step === 'reserving' ? ['release'] : ['release', 'void']
}

/** The capture step ends when both the money is captured and the stock committed. */
function captureStep(state: SagaState, after: { captured: boolean; committed: boolean }): Partial<Transition> {
  if (state.step !== 'capturing' || !after.captured || !after.committed) return {}
  return { step: 'done', deadline: 'clear' }
}

export function transition(state: SagaState, event: SagaEvent): Transition {
  const pending = state.status === 'pending'
  const cancelled = state.status === 'cancelled'
  const capturing = state.status === 'confirmed' && state.step === 'capturing'
  const captured = PAYMENT_RANK[state.payment] >= PAYMENT_RANK.captured
  switch (event.type) {
    case 'reserved':
      if (pending && state.step === 'reserving') return { outcome: 'advanced', enters: [], step: 'authorizing', deadline: 'restart', send: ['authorize'] }
      // Stock reserved for an order that is already cancelled (a timeout came first): give it back.
      return cancelled ? { outcome: 'compensated', enters: [], send: ['release'] } : IGNORE
    case 'reservation_failed':
      return pending && state.step === 'reserving' ? cancel('out_of_stock', []) : IGNORE
    case 'authorized':
      if (pending && state.step === 'authorizing') {
        return { outcome: 'confirmed', enters: ['confirmed'], step: 'capturing', deadline: 'restart', payment: 'authorized', send: ['commit', 'capture'] }
      }
      // Money authorized for an order that is already cancelled: let it go.
      if (cancelled) return { ...record(state, 'authorized'), outcome: 'compensated', send: ['void'] }
      return IGNORE
    case 'payment_failed': {
      const payment: PaymentStatus = event.voided ? 'voided' : 'failed'
      if (pending && state.step === 'authorizing') return cancel('payment_declined', ['release'], paymentAfter(state.payment, payment) ? { payment } : {})
      return cancelled ? record(state, payment) : IGNORE
    }
    case 'committed':
      if (state.stockCommitted) return IGNORE
      return { outcome: 'recorded', enters: [], send: [], stockCommitted: true, ...captureStep(state, { captured, committed: true }) }
    case 'commit_failed':
      // The reservation ran out before the commit: the order cannot be fulfilled.
      return capturing && !state.stockCommitted ? cancel('timeout', ['void']) : IGNORE
    case 'captured':
      if (cancelled) return record(state, 'captured') // the void sent at cancellation gives it back
      return record(state, 'captured', captureStep(state, { captured: true, committed: state.stockCommitted }))
    case 'capture_failed': {
      const payment = paymentAfter(state.payment, 'failed')
      return capturing ? cancel('payment_declined', ['release'], payment ? { payment } : {}) : IGNORE
    }
    case 'voided':
      return record(state, 'voided')
    case 'refunded': {
      const refunded = event.refundedTotal > state.refundedMinor ? { refundedMinor: event.refundedTotal } : {}
      return record(state, event.fully ? 'refunded' : 'partially_refunded', refunded)
    }
    case 'disputed':
      return record(state, 'disputed')
    case 'shipped':
      return canMove(state.status, 'shipped') ? { outcome: 'advanced', enters: ['shipped'], send: [] } : IGNORE
    case 'delivered':
      // Delivered before the news of shipping came: it was shipped first.
      if (state.status === 'confirmed') return { outcome: 'advanced', enters: ['shipped', 'delivered'], send: [] }
      return canMove(state.status, 'delivered') ? { outcome: 'advanced', enters: ['delivered'], send: [] } : IGNORE
    case 'returned':
      return canMove(state.status, 'returned') ? { outcome: 'advanced', enters: ['returned'], send: [] } : IGNORE
    case 'deadline_passed':
      if (pending) return cancel('timeout', undo(state))
      // The capture step ran out: stock back (restocked if it was committed), the money voided or refunded.
      if (capturing) return cancel('timeout', ['release', 'void'])
      // No step is running: a deadline left on the order means nothing, and goes.
      return { ...IGNORE, deadline: 'clear' }
    case 'customer_cancel':
      if (pending) return cancel('customer_cancelled', undo(state))
      if (state.status === 'confirmed') return cancel('customer_cancelled', ['release', 'void'])
      return IGNORE
  }
}

/** A customer may cancel before shipment only. */
export function assertCanCancel(state: SagaState): void {
  if (transition(state, { type: 'customer_cancel' }).outcome !== 'cancelled') {
    throw new Conflict(`An order that is ${state.status} can no longer be cancelled.`, 'order_not_cancellable')
  }
}
