import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { type StandIns, startStandIns } from './order.fixtures.ts'
import {
  adminToken,
  call,
  confirm,
  type Customer,
  deliver,
  line,
  newCustomer,
  orderOf,
  orderTestEnv,
  type OrderView,
  PAYMENT_ID,
  placeOrder,
  send,
  sent,
  shipped,
} from './order.test-kit.ts'

let s: TestServices
let standIns: StandIns
let buyer: Customer
let admin: string
let order: OrderView

const DAY = 24 * 3600 * 1000

beforeAll(async () => {
  standIns = await startStandIns()
  s = await startTestServices(['identity', 'order'], { env: orderTestEnv(standIns) })
  buyer = await newCustomer(s)
  admin = await adminToken(s)
})
afterAll(async () => {
  await s?.stop()
  await standIns?.close()
})
beforeEach(async () => {
  order = await placeOrder(s, standIns, buyer, [line(1500, 2), line(400, 1)])
})

interface ReturnView {
  id: string
  orderId: string
  status: string
  items: Array<{ variantId: string; quantity: number }>
  refund: { amount: number; currency: string }
  reason: string
  createdAt: string
}

const ask = (items: Array<{ variantId: string; quantity: number }>, token = buyer.token, id = order.id) =>
  call(s, 'POST', `/api/orders/${id}/returns`, { token, body: { items, reason: 'Changed my mind' } })
const approve = (returnId: string) => call(s, 'POST', `/api/admin/returns/${returnId}/approve`, { token: admin })

describe('returns', () => {
  it('when part of a delivered order is sent back within the window and approved, then that part is refunded and restocked', async () => {
    await deliver(s, order)
    const [mug] = order.items
    const res = await ask([{ variantId: mug!.variantId, quantity: 1 }])
    expect(res.statusCode, res.body).toBe(201)
    const ret = res.json<ReturnView>()
    expect(ret).toMatchObject({ orderId: order.id, status: 'requested', refund: { amount: 1500, currency: 'USD' }, reason: 'Changed my mind' })
    expect(ret.items).toEqual([expect.objectContaining({ variantId: mug!.variantId, quantity: 1, sku: mug!.sku })])

    const approved = await approve(ret.id)
    expect(approved.statusCode, approved.body).toBe(200)
    expect(approved.json<ReturnView>().status).toBe('approved')
    expect(await sent(s, 'payment.refund', order.id)).toEqual([{ orderId: order.id, refundId: ret.id, amount: { amount: 1500, currency: 'USD' }, reason: 'return' }])
    expect(await sent(s, 'inventory.restock', order.id)).toEqual([{ orderId: order.id, returnId: ret.id, lines: [{ sku: mug!.sku, quantity: 1 }] }])
    expect(await sent(s, 'order.returned', order.id)).toEqual([
      expect.objectContaining({ returnId: ret.id, refund: { amount: 1500, currency: 'USD' }, fully: false, lines: [{ variantId: mug!.variantId, sku: mug!.sku, quantity: 1 }] }),
    ])
    expect((await orderOf(s, buyer.token, order.id)).status).toBe('delivered')

    await send(s, 'payment.refunded', {
      orderId: order.id,
      paymentId: PAYMENT_ID,
      customerId: buyer.id,
      email: buyer.email,
      refundId: ret.id,
      amount: { amount: 1500, currency: 'USD' },
      refundedTotal: { amount: 1500, currency: 'USD' },
      status: 'partially_refunded',
    })
    await send(s, 'inventory.restocked', { orderId: order.id, returnId: ret.id, lines: [{ sku: mug!.sku, quantity: 1 }] })
    const view = await orderOf(s, buyer.token, order.id)
    expect(view.payment).toMatchObject({ status: 'partially_refunded', refunded: { amount: 1500 } })
    expect(view.returns).toEqual([expect.objectContaining({ id: ret.id, status: 'refunded' })])
  })

  it('when every unit has come back, then the order becomes returned and order.returned says fully', async () => {
    await deliver(s, order)
    const [mug, tea] = order.items
    const first = (await ask([{ variantId: mug!.variantId, quantity: 2 }])).json<ReturnView>()
    const second = (await ask([{ variantId: tea!.variantId, quantity: 1 }])).json<ReturnView>()
    expect((await approve(first.id)).statusCode).toBe(200)
    expect((await orderOf(s, buyer.token, order.id)).status).toBe('delivered')
    expect((await approve(second.id)).statusCode).toBe(200)
    const view = await orderOf(s, buyer.token, order.id)
    expect(view.status).toBe('returned')
    expect(view.history.map((h) => h.status)).toEqual(['pending', 'confirmed', 'shipped', 'delivered', 'returned'])
    expect((await sent(s, 'order.returned', order.id)).map((e) => e.fully)).toEqual([false, true])
  })

  it('when a return is approved twice, then 409 and nothing more is sent', async () => {
    await deliver(s, order)
    const ret = (await ask([{ variantId: order.items[1]!.variantId, quantity: 1 }])).json<ReturnView>()
    expect((await approve(ret.id)).statusCode).toBe(200)
    const again = await approve(ret.id)
    expect(again.statusCode).toBe(409)
    expect(again.headers['content-type']).toContain('application/problem+json')
    expect(await sent(s, 'payment.refund', order.id)).toHaveLength(1)
    expect((await approve(randomUUID())).statusCode).toBe(404)
  })

  it('when an order is delivered, then its answer says until when a return may be asked for; before that it says nothing', async () => {
    expect((await orderOf(s, buyer.token, order.id)).returnableUntil).toBeNull()
    const at = new Date(Date.now() - 2 * DAY)
    await deliver(s, order, at)
    const view = await orderOf(s, buyer.token, order.id)
    expect(view.returnableUntil).toBe(new Date(at.getTime() + s.config.order.returnWindowDays * DAY).toISOString())
  })

  it('when the window has closed, or the order is not delivered, then 409', async () => {
    await deliver(s, order, new Date(Date.now() - (s.config.order.returnWindowDays + 1) * DAY))
    const late = await ask([{ variantId: order.items[0]!.variantId, quantity: 1 }])
    expect(late.statusCode).toBe(409)
    expect(late.json<{ code: string }>().code).toBe('return_window_closed')

    const onTheWay = await placeOrder(s, standIns, buyer)
    await confirm(s, onTheWay)
    await shipped(s, onTheWay)
    expect((await ask([{ variantId: onTheWay.items[0]!.variantId, quantity: 1 }], buyer.token, onTheWay.id)).statusCode).toBe(409)
  })

  it('when more is asked than was bought minus what was already asked for, or an item is not in the order, then 422', async () => {
    await deliver(s, order, new Date(Date.now() - 2 * DAY))
    const [mug] = order.items
    const tooMany = await ask([{ variantId: mug!.variantId, quantity: 3 }])
    expect(tooMany.statusCode).toBe(422)
    expect(tooMany.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path)).toEqual(['items.0.quantity'])
    expect((await ask([{ variantId: mug!.variantId, quantity: 2 }])).statusCode).toBe(201)
    expect((await ask([{ variantId: mug!.variantId, quantity: 1 }])).statusCode).toBe(422)
    const unknown = await ask([{ variantId: randomUUID(), quantity: 1 }])
    expect(unknown.statusCode).toBe(422)
    expect(unknown.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path)).toEqual(['items.0.variantId'])
  })

  it('when another customer asks, then 404', async () => {
    await deliver(s, order)
    const stranger = await newCustomer(s)
    expect((await ask([{ variantId: order.items[0]!.variantId, quantity: 1 }], stranger.token)).statusCode).toBe(404)
  })

  it('when an admin lists returns, then the newest come first, filterable by status', async () => {
    await deliver(s, order)
    const ret = (await ask([{ variantId: order.items[0]!.variantId, quantity: 1 }])).json<ReturnView>()
    const list = await call(s, 'GET', '/api/admin/returns?status=requested', { token: admin })
    expect(list.statusCode).toBe(200)
    const body = list.json<{ items: Array<ReturnView & { orderNumber: string }>; total: number }>()
    expect(body.items[0]).toMatchObject({ id: ret.id, orderNumber: order.number, status: 'requested' })
    await approve(ret.id)
    const requested = (await call(s, 'GET', '/api/admin/returns?status=requested', { token: admin })).json<{ items: ReturnView[] }>()
    expect(requested.items.map((r) => r.id)).not.toContain(ret.id)
    const ofOrder = (await call(s, 'GET', `/api/admin/returns?orderId=${order.id}`, { token: admin })).json<{ items: ReturnView[]; total: number }>()
    expect(ofOrder).toMatchObject({ total: 1, items: [{ id: ret.id, status: 'approved' }] })
  })
})
