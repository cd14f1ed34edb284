import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { type StandIns, startStandIns } from './order.fixtures.ts'
import {
  adminToken,
  call,
  confirm,
  type Customer,
  line,
  newCustomer,
  orderTestEnv,
  type OrderView,
  PAYMENT_ID,
  placeOrder,
  send,
} from './order.test-kit.ts'

let s: TestServices
let standIns: StandIns
let admin: string

beforeAll(async () => {
  standIns = await startStandIns()
  s = await startTestServices(['identity', 'order'], { env: orderTestEnv(standIns) })
  admin = await adminToken(s)
})
afterAll(async () => {
  await s?.stop()
  await standIns?.close()
})

interface List {
  items: OrderView[]
  total: number
  page: number
  pageSize: number
}

const list = async (url: string, token: string): Promise<List> => {
  const res = await call(s, 'GET', url, { token })
  expect(res.statusCode, res.body).toBe(200)
  return res.json<List>()
}

describe("a customer's order history", () => {
  let buyer: Customer
  let first: OrderView
  let second: OrderView
  let third: OrderView

  beforeAll(async () => {
    buyer = await newCustomer(s)
    first = await placeOrder(s, standIns, buyer)
    second = await placeOrder(s, standIns, buyer)
    third = await placeOrder(s, standIns, buyer)
    await confirm(s, second)
    await call(s, 'POST', `/api/orders/${third.id}/cancel`, { token: buyer.token })
    await placeOrder(s, standIns, await newCustomer(s))
  })

  it('lists only the caller’s orders, newest first, in pages', async () => {
    const all = await list('/api/orders', buyer.token)
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 20 })
    expect(all.items.map((o) => o.id)).toEqual([third.id, second.id, first.id])
    expect(all.items[0]).toMatchObject({ number: third.number, status: 'cancelled', total: third.total, items: third.items })
    const page2 = await list('/api/orders?page=2&pageSize=2', buyer.token)
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 })
    expect(page2.items.map((o) => o.id)).toEqual([first.id])
  })

  it('filters by status and by the year the order was placed', async () => {
    expect((await list('/api/orders?status=confirmed', buyer.token)).items.map((o) => o.id)).toEqual([second.id])
    expect((await list('/api/orders?status=cancelled', buyer.token)).items.map((o) => o.id)).toEqual([third.id])
    expect((await list(`/api/orders?year=${new Date().getUTCFullYear()}`, buyer.token)).total).toBe(3)
    expect((await list('/api/orders?year=2001', buyer.token)).total).toBe(0)
  })

  it('shows one order to its customer and to admins, and 404 to anyone else', async () => {
    expect((await call(s, 'GET', `/api/orders/${second.id}`, { token: buyer.token })).json<OrderView>()).toMatchObject({ id: second.id, status: 'confirmed' })
    expect((await call(s, 'GET', `/api/orders/${second.id}`, { token: admin })).statusCode).toBe(200)
    const stranger = await newCustomer(s)
    const res = await call(s, 'GET', `/api/orders/${second.id}`, { token: stranger.token })
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toContain('application/problem+json')
  })
})

describe('the admin’s order list', () => {
  let buyer: Customer
  let order: OrderView

  beforeAll(async () => {
    buyer = await newCustomer(s)
    order = await placeOrder(s, standIns, buyer, [line(700, 1)])
  })

  it('finds an order by the start of its number (with or without EMP-) or by part of the email', async () => {
    expect((await list(`/api/admin/orders?q=${order.number}`, admin)).items.map((o) => o.id)).toEqual([order.id])
    expect((await list(`/api/admin/orders?q=${order.number.slice(4).toLowerCase()}`, admin)).items.map((o) => o.id)).toContain(order.id)
    const byEmail = await list(`/api/admin/orders?q=${encodeURIComponent(buyer.email.split('@')[0]!.toUpperCase())}`, admin)
    expect(byEmail.items.map((o) => o.id)).toEqual([order.id])
    expect((await list('/api/admin/orders?q=nobody-ordered-this', admin)).total).toBe(0)
  })

  it('filters by status and by when the order was placed', async () => {
    const pending = await list('/api/admin/orders?status=pending&pageSize=100', admin)
    expect(pending.items.map((o) => o.id)).toContain(order.id)
    expect(pending.items.every((o) => o.status === 'pending')).toBe(true)
    const today = new Date().toISOString().slice(0, 10)
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10)
    expect((await list(`/api/admin/orders?from=${today}&to=${today}&pageSize=100`, admin)).items.map((o) => o.id)).toContain(order.id)
    expect((await list(`/api/admin/orders?from=${tomorrow}`, admin)).total).toBe(0)
    expect((await list(`/api/admin/orders?to=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`, admin)).total).toBe(0)
  })
})

describe('the dashboard', () => {
  it('adds up orders confirmed in the period that were not cancelled, net of refunds, with best sellers, a daily series and low stock', async () => {
    const buyer = await newCustomer(s)
    const from = new Date().toISOString()
    const small = await placeOrder(s, standIns, buyer, [line(1000, 2, { name: 'Small mug' })])
    const big = await placeOrder(s, standIns, buyer, [line(3000, 1, { name: 'Big teapot' })])
    const cancelled = await placeOrder(s, standIns, buyer, [line(9000, 1)])
    const pending = await placeOrder(s, standIns, buyer, [line(8000, 1)])
    for (const o of [small, big, cancelled]) await confirm(s, o)
    await call(s, 'POST', `/api/orders/${cancelled.id}/cancel`, { token: buyer.token })
    await send(s, 'payment.refunded', {
      orderId: big.id,
      paymentId: PAYMENT_ID,
      customerId: buyer.id,
      email: buyer.email,
      refundId: '0195f7a0-0000-7000-8000-0000000000bb',
      amount: { amount: 500, currency: 'USD' },
      refundedTotal: { amount: 500, currency: 'USD' },
      status: 'partially_refunded',
    })
    standIns.lowStock = [{ sku: 'LOW-1', onHand: 2, reserved: 0, available: 2, lowStockThreshold: 5 }]

    const res = await call(s, 'GET', `/api/admin/dashboard?from=${encodeURIComponent(from)}`, { token: admin })
    expect(res.statusCode, res.body).toBe(200)
    const board = res.json<{
      revenue: { amount: number }
      orderCount: number
      averageOrderValue: { amount: number }
      topProducts: Array<{ productId: string; name: string; quantity: number; revenue: { amount: number } }>
      lowStock: unknown[]
      recentOrders: Array<{ id: string }>
      series: Array<{ date: string; orders: number; revenue: { amount: number } }>
      warnings: string[]
    }>()
    // 2 × 1000 + 500 shipping, and 3000 + 500 shipping less 500 refunded.
    expect(board.revenue).toEqual({ amount: 2500 + 3000, currency: 'USD' })
    expect(board.orderCount).toBe(2)
    expect(board.averageOrderValue).toEqual({ amount: 2750, currency: 'USD' })
    expect(board.topProducts).toEqual([
      { productId: big.items[0]!.productId, name: 'Big teapot', quantity: 1, revenue: { amount: 3000, currency: 'USD' } },
      { productId: small.items[0]!.productId, name: 'Small mug', quantity: 2, revenue: { amount: 2000, currency: 'USD' } },
    ])
    expect(board.series).toEqual([{ date: new Date().toISOString().slice(0, 10), orders: 2, revenue: { amount: 5500, currency: 'USD' } }])
    expect(board.recentOrders.map((o) => o.id)).toEqual([pending.id, cancelled.id, big.id, small.id])
    expect(board.lowStock).toEqual(standIns.lowStock)
    expect(board.warnings).toEqual([])
    expect(standIns.received.find((r) => r.service === 'inventory')).toMatchObject({ url: '/api/inventory?lowStock=true&pageSize=20', authorization: `Bearer ${admin}` })
  })

  it('covers the last 30 days by default, one series point per day', async () => {
    const board = (await call(s, 'GET', '/api/admin/dashboard', { token: admin })).json<{ from: string; to: string; series: unknown[] }>()
    expect(Date.parse(board.to) - Date.parse(board.from)).toBe(30 * 24 * 3600 * 1000)
    expect(board.series.length).toBeGreaterThanOrEqual(30)
    expect(board.series.length).toBeLessThanOrEqual(31)
  })

  it('when inventory does not answer, then low stock is empty with a warning, and the figures still come', async () => {
    standIns.down.add('inventory')
    try {
      const res = await call(s, 'GET', '/api/admin/dashboard', { token: admin })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ lowStock: [], warnings: [expect.stringContaining('inventory')] })
    } finally {
      standIns.down.delete('inventory')
    }
  })
})
