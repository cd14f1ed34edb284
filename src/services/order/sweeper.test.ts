import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, startTestServices, type TestServices } from '../../../test/support/services.ts'
import { type StandIns, startStandIns } from './order.fixtures.ts'
import {
  ADMIN_ENV,
  authorized,
  committed,
  confirm,
  type Customer,
  deps,
  newCustomer,
  orderOf,
  orderTestEnv,
  placeOrder,
  reserved,
  sent,
} from './order.test-kit.ts'
import { startDeadlineSweeper, sweepDeadlines } from './sweep-deadlines.ts'

let standIns: StandIns
beforeAll(async () => {
  standIns = await startStandIns()
})
afterAll(() => standIns?.close())

describe('the deadline sweeper, called directly', () => {
  let s: TestServices
  let buyer: Customer
  beforeAll(async () => {
    s = await startTestServices(['identity', 'order'], { env: orderTestEnv(standIns) })
    buyer = await newCustomer(s)
  })
  afterAll(() => s?.stop())

  const overdue = (orderId: string) => s.pglite.query(`UPDATE ordering.orders SET step_deadline = now() - interval '1 second' WHERE id = $1`, [orderId])

  it('when a step’s deadline passes, then the order is cancelled (timeout) and what the saga took is given back', async () => {
    const waitingForStock = await placeOrder(s, standIns, buyer)
    const waitingForCard = await placeOrder(s, standIns, buyer)
    const waitingForCapture = await placeOrder(s, standIns, buyer)
    const onTime = await placeOrder(s, standIns, buyer)
    const confirmed = await placeOrder(s, standIns, buyer)
    await reserved(s, waitingForCard)
    await reserved(s, waitingForCapture)
    await authorized(s, waitingForCapture)
    await confirm(s, confirmed)
    // A deadline on an order whose saga is done (none is ever set so) means nothing and is dropped.
    for (const o of [waitingForStock, waitingForCard, waitingForCapture, confirmed]) await overdue(o.id)

    expect(await sweepDeadlines(deps(s))).toBe(3)
    expect(await sweepDeadlines(deps(s))).toBe(0)

    expect(await orderOf(s, buyer.token, waitingForStock.id)).toMatchObject({ status: 'cancelled', cancellationReason: 'timeout' })
    expect(await sent(s, 'inventory.release', waitingForStock.id)).toEqual([{ orderId: waitingForStock.id, reason: 'timeout' }])
    expect(await sent(s, 'payment.void', waitingForStock.id)).toEqual([])

    expect(await orderOf(s, buyer.token, waitingForCard.id)).toMatchObject({ status: 'cancelled', cancellationReason: 'timeout' })
    expect(await sent(s, 'inventory.release', waitingForCard.id)).toEqual([{ orderId: waitingForCard.id, reason: 'timeout' }])
    expect(await sent(s, 'payment.void', waitingForCard.id)).toEqual([{ orderId: waitingForCard.id, reason: 'timeout' }])
    expect(await sent(s, 'order.cancelled', waitingForCard.id)).toEqual([expect.objectContaining({ reason: 'timeout', previousStatus: 'pending' })])

    expect((await orderOf(s, buyer.token, onTime.id)).status).toBe('pending')
    expect((await orderOf(s, buyer.token, confirmed.id)).status).toBe('confirmed')
  })

  it('when the capture step runs past its deadline, then the confirmed order is cancelled (timeout), its stock released and its money voided', async () => {
    const o = await placeOrder(s, standIns, buyer)
    await reserved(s, o)
    await authorized(s, o)
    await committed(s, o)
    await overdue(o.id)
    expect(await sweepDeadlines(deps(s))).toBe(1)
    expect(await orderOf(s, buyer.token, o.id)).toMatchObject({ status: 'cancelled', cancellationReason: 'timeout', cancellationDetail: 'The payment was not captured in time.' })
    expect(await sent(s, 'inventory.release', o.id)).toEqual([{ orderId: o.id, reason: 'timeout' }])
    expect(await sent(s, 'payment.void', o.id)).toEqual([{ orderId: o.id, reason: 'timeout' }])
    expect(await sent(s, 'order.cancelled', o.id)).toEqual([expect.objectContaining({ reason: 'timeout', previousStatus: 'confirmed' })])
  })

  it('when more orders are overdue than one batch takes, then one sweep cancels them all', async () => {
    const orders = []
    for (let i = 0; i < 5; i++) orders.push(await placeOrder(s, standIns, buyer))
    for (const o of orders) await overdue(o.id)
    expect(await sweepDeadlines(deps(s), 2)).toBe(5)
  })

  it('when a sweeper is stopped, then it waits for the sweep in progress and sweeps no more', async () => {
    const stop = startDeadlineSweeper(deps(s), 10)
    const o = await placeOrder(s, standIns, buyer)
    await overdue(o.id)
    await eventually(async () => (await orderOf(s, buyer.token, o.id)).status === 'cancelled', 5000, 'the sweeper to cancel')
    await stop()
    const later = await placeOrder(s, standIns, buyer)
    await overdue(later.id)
    // Ten of its intervals: a sweeper still running would have taken the order by then.
    await new Promise((r) => setTimeout(r, 100))
    expect((await orderOf(s, buyer.token, later.id)).status).toBe('pending')
    expect(await sweepDeadlines(deps(s))).toBe(1)
  })
})

describe('the deadline sweeper, in the background', () => {
  let s: TestServices
  beforeAll(async () => {
    s = await startTestServices(['identity', 'order'], { env: { ...ADMIN_ENV, ...standIns.env, ORDER_STEP_TIMEOUT_SECONDS: '1', ORDER_SWEEP_MS: '50' } })
  })
  afterAll(() => s?.stop())

  it('when nobody answers the saga in time while ordering runs, then the order is cancelled with reason timeout', async () => {
    const buyer = await newCustomer(s)
    const o = await placeOrder(s, standIns, buyer)
    expect(o.status).toBe('pending')
    const view = await eventually(async () => {
      const v = await orderOf(s, buyer.token, o.id)
      return v.status === 'cancelled' ? v : undefined
    }, 5000, 'the order to time out')
    expect(view.cancellationReason).toBe('timeout')
    expect(await sent(s, 'inventory.reserve', o.id)).toEqual([expect.objectContaining({ ttlSeconds: 6 })])
  })
})
