import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { type StandIns, startStandIns } from './order.fixtures.ts'
import {
  ADDRESS,
  adminToken,
  call,
  CARD,
  checkoutBody,
  type Customer,
  newCustomer,
  orderTestEnv,
  type OrderView,
  place,
  placeOrder,
} from './order.test-kit.ts'

let s: TestServices
let standIns: StandIns
let admin: string
let buyer: Customer
let order: OrderView

beforeAll(async () => {
  standIns = await startStandIns()
  s = await startTestServices(['identity', 'order'], { env: orderTestEnv(standIns) })
  admin = await adminToken(s)
  buyer = await newCustomer(s)
  order = await placeOrder(s, standIns, buyer)
})
afterAll(async () => {
  await s?.stop()
  await standIns?.close()
})

function expectProblem(res: { statusCode: number; headers: Record<string, unknown> }, status: number): void {
  expect(res.statusCode).toBe(status)
  expect(res.headers['content-type']).toContain('application/problem+json')
}

function pathsOf(res: { json<T>(): T }): string[] {
  return res.json<{ errors?: Array<{ path: string }> }>().errors?.map((e) => e.path) ?? []
}

async function ordersOf(customerId: string): Promise<number> {
  const { rows } = await s.pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM ordering.orders WHERE customer_id = $1', [customerId])
  return rows[0]?.n ?? 0
}

describe('bad input to POST /api/orders', () => {
  it.each([
    [{ payment: undefined }, 'payment'],
    [{ payment: { ...CARD, method: 'paypal' } }, 'payment.method'],
    [{ payment: { ...CARD, cardNumber: '4242-abc' } }, 'payment.cardNumber'],
    [{ payment: { ...CARD, cardNumber: 4242424242424242 } }, 'payment.cardNumber'],
    [{ payment: { ...CARD, expMonth: 13 } }, 'payment.expMonth'],
    [{ payment: { ...CARD, expYear: '2030' } }, 'payment.expYear'],
    [{ payment: { ...CARD, cvc: '12' } }, 'payment.cvc'],
    [{ shippingMethodId: 'standard' }, 'shippingMethodId'],
    [{ shippingMethodId: undefined }, 'shippingMethodId'],
    [{ shippingAddress: undefined }, 'shippingAddressId'],
    [{ shippingAddressId: randomUUID() }, 'shippingAddressId'],
    [{ shippingAddress: undefined, shippingAddressId: 'home' }, 'shippingAddressId'],
    [{ shippingAddress: { ...ADDRESS, country: 'USA' } }, 'shippingAddress.country'],
    [{ shippingAddress: { ...ADDRESS, line1: '' } }, 'shippingAddress.line1'],
    [{ shippingAddress: { ...ADDRESS, postalCode: 'x'.repeat(21) } }, 'shippingAddress.postalCode'],
    [{ shippingAddress: { ...ADDRESS, phone: 'call me' } }, 'shippingAddress.phone'],
  ])('when the body has %j, then 400 validation_failed naming %s and nothing is written', async (overrides, path) => {
    const before = await ordersOf(buyer.id)
    const res = await place(s, buyer.token, checkoutBody(overrides))
    expectProblem(res, 400)
    expect(res.json<{ code: string }>().code).toBe('validation_failed')
    expect(pathsOf(res)).toContain(path)
    expect(await ordersOf(buyer.id)).toBe(before)
  })

  it('when the body is not JSON or not an object, then 4xx problem, never 500', async () => {
    const raw = (payload: string, contentType = 'application/json') =>
      s.get('order').app.inject({
        method: 'POST',
        url: '/api/orders',
        payload,
        headers: { 'content-type': contentType, authorization: `Bearer ${buyer.token}`, 'idempotency-key': randomUUID() },
      })
    expectProblem(await raw('{"payment": '), 400)
    expectProblem(await raw('[]'), 400)
    expectProblem(await raw('null'), 400)
    expectProblem(await raw('<order/>', 'application/xml'), 415)
  })

  it('when the Idempotency-Key is not 1 to 200 visible characters, then 400', async () => {
    expectProblem(await place(s, buyer.token, checkoutBody(), 'x'.repeat(201)), 400)
  })

  it('when there is no token or a bad one, then 401', async () => {
    expectProblem(await call(s, 'POST', '/api/orders', { body: checkoutBody(), headers: { 'idempotency-key': randomUUID() } }), 401)
    expectProblem(await place(s, 'not-a-jwt'), 401)
  })
})

describe('bad input to the other order routes', () => {
  it('when list paging or filters are off-contract, then 400', async () => {
    for (const url of ['/api/orders?page=0', '/api/orders?pageSize=500', '/api/orders?status=lost', '/api/orders?year=abc', '/api/orders?year=1999']) {
      expectProblem(await call(s, 'GET', url, { token: buyer.token }), 400)
    }
    for (const url of ['/api/admin/orders?status=lost', '/api/admin/orders?from=yesterday', '/api/admin/orders?to=2024-13-01', '/api/admin/returns?status=lost', '/api/admin/returns?orderId=42']) {
      expectProblem(await call(s, 'GET', url, { token: admin }), 400)
    }
  })

  it('when an id is not a UUID, then 400; when no such order or return exists, then 404', async () => {
    expectProblem(await call(s, 'GET', '/api/orders/42', { token: buyer.token }), 400)
    expectProblem(await call(s, 'POST', '/api/orders/42/cancel', { token: buyer.token }), 400)
    expectProblem(await call(s, 'POST', '/api/orders/42/returns', { token: buyer.token, body: { items: [{ variantId: randomUUID(), quantity: 1 }], reason: 'x' } }), 400)
    expectProblem(await call(s, 'POST', '/api/admin/returns/42/approve', { token: admin }), 400)
    const ghost = randomUUID()
    expectProblem(await call(s, 'GET', `/api/orders/${ghost}`, { token: buyer.token }), 404)
    expectProblem(await call(s, 'POST', `/api/orders/${ghost}/cancel`, { token: buyer.token }), 404)
    expectProblem(await call(s, 'POST', `/api/orders/${ghost}/returns`, { token: buyer.token, body: { items: [{ variantId: randomUUID(), quantity: 1 }], reason: 'x' } }), 404)
    expectProblem(await call(s, 'POST', `/api/admin/returns/${ghost}/approve`, { token: admin }), 404)
  })

  it.each([
    [{ items: [], reason: 'x' }, 'items'],
    [{ items: [{ variantId: randomUUID(), quantity: 0 }], reason: 'x' }, 'items.0.quantity'],
    [{ items: [{ variantId: randomUUID(), quantity: 1.5 }], reason: 'x' }, 'items.0.quantity'],
    [{ items: [{ variantId: 'mug', quantity: 1 }], reason: 'x' }, 'items.0.variantId'],
    [{ items: [{ variantId: randomUUID(), quantity: 1 }], reason: '' }, 'reason'],
    [{ items: [{ variantId: randomUUID(), quantity: 1 }] }, 'reason'],
    [{ items: [{ variantId: randomUUID(), quantity: 1 }], reason: 'x'.repeat(1001) }, 'reason'],
  ])('when a return request is %j, then 400 naming %s', async (body, path) => {
    const res = await call(s, 'POST', `/api/orders/${order.id}/returns`, { token: buyer.token, body })
    expectProblem(res, 400)
    expect(pathsOf(res)).toContain(path)
  })

  it('when the dashboard period is off, then 400', async () => {
    for (const url of ['/api/admin/dashboard?from=last-week', '/api/admin/dashboard?from=2024-02-01&to=2024-01-01']) {
      expectProblem(await call(s, 'GET', url, { token: admin }), 400)
    }
  })

  it('when another customer reads, cancels or returns an order, then 404 and nothing changes', async () => {
    const stranger = await newCustomer(s)
    expectProblem(await call(s, 'GET', `/api/orders/${order.id}`, { token: stranger.token }), 404)
    expectProblem(await call(s, 'POST', `/api/orders/${order.id}/cancel`, { token: stranger.token }), 404)
    expectProblem(
      await call(s, 'POST', `/api/orders/${order.id}/returns`, { token: stranger.token, body: { items: [{ variantId: order.items[0]!.variantId, quantity: 1 }], reason: 'x' } }),
      404,
    )
    expect((await call(s, 'GET', `/api/orders/${order.id}`, { token: buyer.token })).json<OrderView>().status).toBe('pending')
  })

  const customerRoutes = () =>
    [
      ['GET', '/api/orders', undefined],
      ['GET', `/api/orders/${order.id}`, undefined],
      ['POST', `/api/orders/${order.id}/cancel`, undefined],
      ['POST', `/api/orders/${order.id}/returns`, { items: [{ variantId: order.items[0]!.variantId, quantity: 1 }], reason: 'x' }],
    ] as const

  const adminRoutes = () =>
    [
      ['GET', '/api/admin/orders', undefined],
      ['GET', '/api/admin/returns', undefined],
      ['POST', `/api/admin/returns/${randomUUID()}/approve`, undefined],
      ['GET', '/api/admin/dashboard', undefined],
    ] as const

  it('when a route is called without a token or with a bad one, then 401', async () => {
    for (const [method, url, body] of [...customerRoutes(), ...adminRoutes()]) {
      expectProblem(await call(s, method, url, { body }), 401)
      expectProblem(await call(s, method, url, { token: 'not-a-jwt', body }), 401)
    }
  })

  it('when a customer calls an admin route, then 403', async () => {
    for (const [method, url, body] of adminRoutes()) {
      expectProblem(await call(s, method, url, { token: buyer.token, body }), 403)
    }
  })
})

describe('the OpenAPI document', () => {
  it('lists every order route with its schema and security', async () => {
    const res = await s.get('order').app.inject({ method: 'GET', url: '/docs/json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json<{ paths: Record<string, Record<string, { security?: unknown[]; summary?: string }>> }>()
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/orders',
        'GET /api/orders',
        'GET /api/orders/{id}',
        'POST /api/orders/{id}/cancel',
        'POST /api/orders/{id}/returns',
        'GET /api/admin/orders',
        'GET /api/admin/returns',
        'POST /api/admin/returns/{id}/approve',
        'GET /api/admin/dashboard',
      ]),
    )
    for (const [path, methods] of Object.entries(doc.paths).filter(([p]) => p.startsWith('/api/orders') || (p.startsWith('/api/admin/') && !p.startsWith('/api/admin/dead-letters')))) {
      for (const op of Object.values(methods)) {
        expect(op.security, path).toEqual([{ bearerAuth: [] }])
        expect(op.summary, path).toBeTruthy()
      }
    }
  })
})
