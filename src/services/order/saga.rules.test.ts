import { describe, expect, it } from 'vitest'
import type { OrderStatus, PaymentStatus, SagaStep } from './order.rules.ts'
import { assertCanCancel, SAGA_EVENT_TYPES, type SagaEvent, type SagaEventType, type SagaState, type Transition, transition } from './saga.rules.ts'

const state = (status: OrderStatus, step: SagaStep, payment: PaymentStatus, stockCommitted = false, refundedMinor = 0): SagaState => ({
  status,
  step,
  payment,
  stockCommitted,
  refundedMinor,
})

/** One event of each type, as the messages bring them. */
const EVENTS: Record<SagaEventType, SagaEvent> = {
  reserved: { type: 'reserved' },
  reservation_failed: { type: 'reservation_failed' },
  authorized: { type: 'authorized' },
  payment_failed: { type: 'payment_failed' },
  committed: { type: 'committed' },
  commit_failed: { type: 'commit_failed' },
  captured: { type: 'captured' },
  capture_failed: { type: 'capture_failed' },
  voided: { type: 'voided' },
  refunded: { type: 'refunded', refundedTotal: 500, fully: false },
  disputed: { type: 'disputed' },
  shipped: { type: 'shipped' },
  delivered: { type: 'delivered' },
  returned: { type: 'returned' },
  deadline_passed: { type: 'deadline_passed' },
  customer_cancel: { type: 'customer_cancel' },
}

/** A transition in one line: what it came to, then each thing it changes. */
function describeTransition(t: Transition): string {
  const parts: string[] = [t.outcome]
  if (t.enters.length > 0) parts.push(`enters:${t.enters.join('>')}`)
  if (t.step) parts.push(`step:${t.step}`)
  if (t.payment) parts.push(`payment:${t.payment}`)
  if (t.refundedMinor !== undefined) parts.push(`refunded:${t.refundedMinor}`)
  if (t.stockCommitted) parts.push('committed')
  if (t.deadline) parts.push(`deadline:${t.deadline}`)
  if (t.reason) parts.push(`reason:${t.reason}`)
  if (t.send.length > 0) parts.push(`send:${t.send.join(',')}`)
  return parts.join(' ')
}

const CANCEL = 'cancelled enters:cancelled step:done deadline:clear'
/** A deadline left on an order with no step running means nothing, and goes. */
const NO_STEP = { deadline_passed: 'ignored deadline:clear' }
/** Facts about the money that are recorded whatever the order is doing, when they are news. */
const MONEY_NEWS = { voided: 'recorded payment:voided', refunded: 'recorded payment:partially_refunded refunded:500', disputed: 'recorded payment:disputed' }

/**
 * Every cell of the table: for each state an order can be in, what each event comes to. An event
 * a state does not list comes to nothing ("ignored").
 */
const TABLE: Array<[string, SagaState, Partial<Record<SagaEventType, string>>]> = [
  [
    'pending, reserving stock',
    state('pending', 'reserving', 'pending'),
    {
      reserved: 'advanced step:authorizing deadline:restart send:authorize',
      reservation_failed: `${CANCEL} reason:out_of_stock`,
      committed: 'recorded committed',
      captured: 'recorded payment:captured',
      ...MONEY_NEWS,
      deadline_passed: `${CANCEL} reason:timeout send:release`,
      customer_cancel: `${CANCEL} reason:customer_cancelled send:release`,
    },
  ],
  [
    'pending, authorizing the payment',
    state('pending', 'authorizing', 'pending'),
    {
      authorized: 'confirmed enters:confirmed step:capturing payment:authorized deadline:restart send:commit,capture',
      payment_failed: `cancelled enters:cancelled step:done payment:failed deadline:clear reason:payment_declined send:release`,
      committed: 'recorded committed',
      captured: 'recorded payment:captured',
      ...MONEY_NEWS,
      deadline_passed: `${CANCEL} reason:timeout send:release,void`,
      customer_cancel: `${CANCEL} reason:customer_cancelled send:release,void`,
    },
  ],
  [
    'confirmed, capturing, neither captured nor committed yet',
    state('confirmed', 'capturing', 'authorized'),
    {
      committed: 'recorded committed',
      commit_failed: `${CANCEL} reason:timeout send:void`,
      captured: 'recorded payment:captured',
      capture_failed: `cancelled enters:cancelled step:done payment:failed deadline:clear reason:payment_declined send:release`,
      ...MONEY_NEWS,
      shipped: 'advanced enters:shipped',
      delivered: 'advanced enters:shipped>delivered',
      deadline_passed: `${CANCEL} reason:timeout send:release,void`,
      customer_cancel: `${CANCEL} reason:customer_cancelled send:release,void`,
    },
  ],
  [
    'confirmed, capturing, stock committed',
    state('confirmed', 'capturing', 'authorized', true),
    {
      captured: 'recorded step:done payment:captured deadline:clear',
      capture_failed: `cancelled enters:cancelled step:done payment:failed deadline:clear reason:payment_declined send:release`,
      ...MONEY_NEWS,
      shipped: 'advanced enters:shipped',
      delivered: 'advanced enters:shipped>delivered',
      deadline_passed: `${CANCEL} reason:timeout send:release,void`,
      customer_cancel: `${CANCEL} reason:customer_cancelled send:release,void`,
    },
  ],
  [
    'confirmed, capturing, money captured',
    state('confirmed', 'capturing', 'captured'),
    {
      committed: 'recorded step:done committed deadline:clear',
      commit_failed: `${CANCEL} reason:timeout send:void`,
      capture_failed: `${CANCEL} reason:payment_declined send:release`,
      ...MONEY_NEWS,
      shipped: 'advanced enters:shipped',
      delivered: 'advanced enters:shipped>delivered',
      deadline_passed: `${CANCEL} reason:timeout send:release,void`,
      customer_cancel: `${CANCEL} reason:customer_cancelled send:release,void`,
    },
  ],
  [
    'confirmed, saga done',
    state('confirmed', 'done', 'captured', true),
    {
      ...MONEY_NEWS,
      ...NO_STEP,
      shipped: 'advanced enters:shipped',
      delivered: 'advanced enters:shipped>delivered',
      customer_cancel: `${CANCEL} reason:customer_cancelled send:release,void`,
    },
  ],
  ['shipped', state('shipped', 'done', 'captured', true), { ...MONEY_NEWS, ...NO_STEP, delivered: 'advanced enters:delivered' }],
  ['delivered', state('delivered', 'done', 'captured', true), { ...MONEY_NEWS, ...NO_STEP, returned: 'advanced enters:returned' }],
  ['returned and refunded', state('returned', 'done', 'refunded', true, 1000), { ...NO_STEP, disputed: 'recorded payment:disputed' }],
  [
    'cancelled before any stock or money was held',
    state('cancelled', 'done', 'pending'),
    {
      reserved: 'compensated send:release',
      authorized: 'compensated payment:authorized send:void',
      payment_failed: 'recorded payment:failed',
      committed: 'recorded committed',
      captured: 'recorded payment:captured',
      ...MONEY_NEWS,
      ...NO_STEP,
    },
  ],
  [
    'cancelled after the money was captured',
    state('cancelled', 'done', 'captured', true),
    { reserved: 'compensated send:release', authorized: 'compensated send:void', ...MONEY_NEWS, ...NO_STEP },
  ],
]

describe('the checkout saga table', () => {
  for (const [name, from, expected] of TABLE) {
    describe(`an order ${name}`, () => {
      it.each(SAGA_EVENT_TYPES.map((type) => [type, expected[type] ?? 'ignored']))('when %s arrives, then it is %s', (type, outcome) => {
        expect(describeTransition(transition(from, EVENTS[type as SagaEventType]))).toBe(outcome)
      })
    })
  }

  it('when the same message comes again after it took effect, then it changes nothing', () => {
    for (const [, from] of TABLE) {
      for (const type of SAGA_EVENT_TYPES) {
        const first = transition(from, EVENTS[type])
        if (first.outcome === 'ignored' || first.outcome === 'compensated') continue
        const after: SagaState = {
          status: first.enters.at(-1) ?? from.status,
          step: first.step ?? from.step,
          payment: first.payment ?? from.payment,
          refundedMinor: first.refundedMinor ?? from.refundedMinor,
          stockCommitted: first.stockCommitted ?? from.stockCommitted,
        }
        if (type === 'delivered' || type === 'shipped') continue // a repeat of these is a later status's own news
        const again = transition(after, EVENTS[type])
        expect({ outcome: again.outcome, enters: again.enters, send: again.send }, `${type} twice from ${JSON.stringify(from)}`).toEqual({ outcome: 'ignored', enters: [], send: [] })
      }
    }
  })

  it('when a voided authorization is refused, then the payment is voided, not failed', () => {
    expect(transition(state('pending', 'authorizing', 'pending'), { type: 'payment_failed', voided: true }).payment).toBe('voided')
  })

  it('when a refund brings the total refunded to everything captured, then the payment is refunded', () => {
    expect(transition(state('delivered', 'done', 'captured', true), { type: 'refunded', refundedTotal: 1000, fully: true })).toMatchObject({
      payment: 'refunded',
      refundedMinor: 1000,
    })
  })

  it('when a customer cancels after shipment or twice, then 409; before, it is allowed', () => {
    for (const status of ['shipped', 'delivered', 'returned', 'cancelled'] as const) {
      expect(() => assertCanCancel(state(status, 'done', 'captured', true))).toThrow(expect.objectContaining({ status: 409 }))
    }
    expect(() => assertCanCancel(state('pending', 'reserving', 'pending'))).not.toThrow()
    expect(() => assertCanCancel(state('confirmed', 'capturing', 'authorized'))).not.toThrow()
  })
})
