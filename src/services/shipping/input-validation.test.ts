import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import {
  ADMIN_ENV,
  adminToken,
  call,
  catalogHas,
  confirmOrder,
  createMethod,
  methodBody,
  type MethodView,
  newCustomer,
  type Reply,
  type ShipmentView,
} from './shipping.test-kit.ts'

let s: TestServices
let admin: string
let customer: { token: string; id: string }
let method: MethodView
let shipment: ShipmentView
let variantId: string

beforeAll(async () => {
  s = await startTestServices(['identity', 'shipping'], { env: ADMIN_ENV })
  admin = await adminToken(s)
  customer = await newCustomer(s)
  method = await createMethod(s, admin)
  ;[variantId] = (await catalogHas(s, { price: 1000, weightGrams: 100 })) as [string]
  const order = await confirmOrder(s, customer.id, method.id)
  shipment = (await call(s, 'POST', '/api/shipments', { token: admin, body: { orderId: order.orderId } })).json<ShipmentView>()
})
afterAll(() => s.stop())

function expectProblem(res: Reply, status: number, path?: string): void {
  expect(res.statusCode, res.body).toBe(status)
  expect(res.headers['content-type']).toContain('application/problem+json')
  if (path !== undefined) {
    const problem = res.json<{ code: string; errors?: Array<{ path: string }> }>()
    expect(problem.errors?.map((e) => e.path), res.body).toContain(path)
  }
}

const usd = (amount: number) => ({ amount, currency: 'USD' })
const rate = (overrides: Record<string, unknown> = {}) => ({ zone: 'Z', countries: ['US'], base: usd(100), perKg: usd(10), ...overrides })

/** Sends a raw body: not JSON, not an object, another media type. */
function raw(method: 'POST' | 'PATCH', url: string, payload: string, contentType = 'application/json') {
  return s.get('shipping').app.inject({ method, url, payload, headers: { 'content-type': contentType, authorization: `Bearer ${admin}` } }) as unknown as Promise<Reply>
}

async function expectMalformedRefused(method: 'POST' | 'PATCH', url: string): Promise<void> {
  expectProblem(await raw(method, url, '{"name": '), 400)
  expectProblem(await raw(method, url, '[]'), 400)
  expectProblem(await raw(method, url, 'null'), 400)
  expectProblem(await raw(method, url, '<x/>', 'application/xml'), 415)
}

describe('bad input to shipping methods', () => {
  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(101) }, 'name'],
    [{ name: 'bad\u0000name' }, 'name'],
    [{ name: 42 }, 'name'],
    [{ carrier: '' }, 'carrier'],
    [{ active: 'yes' }, 'active'],
    [{ estimatedDays: { min: 5, max: 2 } }, 'estimatedDays.max'],
    [{ estimatedDays: { min: -1, max: 2 } }, 'estimatedDays.min'],
    [{ estimatedDays: { min: 1.5, max: 2 } }, 'estimatedDays.min'],
    [{ estimatedDays: { min: 1, max: 1000 } }, 'estimatedDays.max'],
    [{ estimatedDays: undefined }, 'estimatedDays'],
    [{ rates: [] }, 'rates'],
    [{ rates: Array.from({ length: 51 }, (_, i) => rate({ zone: `Z${i}`, countries: ['*'] })) }, 'rates'],
    [{ rates: [rate({ zone: '' })] }, 'rates.0.zone'],
    [{ rates: [rate({ countries: [] })] }, 'rates.0.countries'],
    [{ rates: [rate({ countries: ['USA'] })] }, 'rates.0.countries.0'],
    [{ rates: [rate({ countries: ['U1'] })] }, 'rates.0.countries.0'],
    [{ rates: [rate({ countries: ['**'] })] }, 'rates.0.countries.0'],
    [{ rates: [rate({ base: usd(-1) })] }, 'rates.0.base.amount'],
    [{ rates: [rate({ base: usd(1.5) })] }, 'rates.0.base.amount'],
    [{ rates: [rate({ base: usd(10 ** 12) })] }, 'rates.0.base.amount'],
    [{ rates: [rate({ base: { amount: 100, currency: 'EUR' } })] }, 'rates.0.base.currency'],
    [{ rates: [rate({ perKg: '10' })] }, 'rates.0.perKg'],
    [{ rates: [rate({ perKg: undefined })] }, 'rates.0.perKg'],
    [{ rates: [rate({ freeOver: { amount: 5000, currency: 'usd' } })] }, 'rates.0.freeOver.currency'],
    [{ rates: [rate({ estimatedDays: { min: 9, max: 3 } })] }, 'rates.0.estimatedDays.max'],
  ])('when a new method has %j, then 400 naming %s', async (overrides, path) => {
    expectProblem(await call(s, 'POST', '/api/shipping/methods', { token: admin, body: methodBody(overrides) }), 400, path)
  })

  it('when a method change names nothing or something invalid, then 400', async () => {
    const url = `/api/shipping/methods/${method.id}`
    expectProblem(await call(s, 'PATCH', url, { token: admin, body: {} }), 400)
    expectProblem(await call(s, 'PATCH', url, { token: admin, body: { active: null } }), 400, 'active')
    expectProblem(await call(s, 'PATCH', url, { token: admin, body: { rates: [] } }), 400, 'rates')
    expectProblem(await call(s, 'PATCH', url, { token: admin, body: { estimatedDays: { min: 3, max: 1 } } }), 400, 'estimatedDays.max')
    expectProblem(await call(s, 'PATCH', url, { token: admin, body: { rates: [rate({ perKg: { amount: 1, currency: 'GBP' } })] } }), 400, 'rates.0.perKg.currency')
  })

  it('when a method body is not a JSON object, then 4xx problem, never 500', async () => {
    await expectMalformedRefused('POST', '/api/shipping/methods')
    await expectMalformedRefused('PATCH', `/api/shipping/methods/${method.id}`)
  })

  it('when a method id or a list option is off-contract, then 400', async () => {
    expectProblem(await call(s, 'GET', '/api/shipping/methods/not-a-uuid'), 400, 'params.id')
    expectProblem(await call(s, 'PATCH', '/api/shipping/methods/not-a-uuid', { token: admin, body: { active: true } }), 400, 'params.id')
    expectProblem(await call(s, 'GET', '/api/shipping/methods?includeInactive=maybe', { token: admin }), 400, 'query.includeInactive')
  })

  it('when an Idempotency-Key is not visible ASCII, then 400', async () => {
    const res = await call(s, 'POST', '/api/shipping/methods', { token: admin, body: methodBody(), headers: { 'idempotency-key': 'has spaces' } })
    expectProblem(res, 400, 'headers.idempotency-key')
  })
})

describe('bad input to quotes', () => {
  const body = (overrides: { address?: unknown; items?: unknown }) => ({
    address: { country: 'US', postalCode: '10001' },
    items: [{ variantId, quantity: 1 }],
    ...overrides,
  })

  it.each([
    [{ address: { country: 'USA', postalCode: '10001' } }, 'address.country'],
    [{ address: { country: 'U', postalCode: '10001' } }, 'address.country'],
    [{ address: { country: '12', postalCode: '10001' } }, 'address.country'],
    [{ address: { country: '*', postalCode: '10001' } }, 'address.country'],
    [{ address: { postalCode: '10001' } }, 'address.country'],
    [{ address: { country: 'US' } }, 'address.postalCode'],
    [{ address: { country: 'US', postalCode: '' } }, 'address.postalCode'],
    [{ address: { country: 'US', postalCode: '1'.repeat(21) } }, 'address.postalCode'],
    [{ address: 'US' }, 'address'],
    [{ items: [] }, 'items'],
    [{ items: 'all' }, 'items'],
    [{ items: [{ variantId: 'nope', quantity: 1 }] }, 'items.0.variantId'],
    [{ items: [{ quantity: 1 }] }, 'items.0.variantId'],
    [{ items: [{ variantId: uuidv7(), quantity: 0 }] }, 'items.0.quantity'],
    [{ items: [{ variantId: uuidv7(), quantity: 1.5 }] }, 'items.0.quantity'],
    [{ items: [{ variantId: uuidv7(), quantity: '2' }] }, 'items.0.quantity'],
    [{ items: [{ variantId: uuidv7(), quantity: 10_001 }] }, 'items.0.quantity'],
    [{ items: Array.from({ length: 501 }, () => ({ variantId: uuidv7(), quantity: 1 })) }, 'items'],
  ])('when a quote asks %j, then 400 naming %s', async (overrides, path) => {
    expectProblem(await call(s, 'POST', '/api/shipping/quote', { body: body(overrides) }), 400, path)
  })

  it('when a quote body is not a JSON object, then 4xx problem, never 500', async () => {
    await expectMalformedRefused('POST', '/api/shipping/quote')
  })
})

describe('bad input to shipments', () => {
  it.each([
    [{}, 'orderId'],
    [{ orderId: 'order-1' }, 'orderId'],
    [{ orderId: 42 }, 'orderId'],
    [{ orderId: uuidv7(), carrier: '' }, 'carrier'],
    [{ orderId: uuidv7(), carrier: 'x'.repeat(101) }, 'carrier'],
  ])('when a shipment is asked for with %j, then 400 naming %s', async (body, path) => {
    expectProblem(await call(s, 'POST', '/api/shipments', { token: admin, body }), 400, path)
  })

  it.each([
    [{}, 'status'],
    [{ status: 'pending' }, 'status'],
    [{ status: 'lost' }, 'status'],
    [{ status: 'IN_TRANSIT' }, 'status'],
    [{ status: 'in_transit', trackingNumber: 'abc' }, 'trackingNumber'],
    [{ status: 'in_transit', trackingNumber: 'has space 123' }, 'trackingNumber'],
    [{ status: 'in_transit', trackingNumber: 'X'.repeat(41) }, 'trackingNumber'],
    [{ status: 'in_transit', trackingNumber: 12345 }, 'trackingNumber'],
  ])('when a shipment change is %j, then 400 naming %s', async (body, path) => {
    expectProblem(await call(s, 'PATCH', `/api/shipments/${shipment.id}`, { token: admin, body }), 400, path)
  })

  it('when a shipment body is not a JSON object, then 4xx problem, never 500', async () => {
    await expectMalformedRefused('POST', '/api/shipments')
    await expectMalformedRefused('PATCH', `/api/shipments/${shipment.id}`)
  })

  it('when a shipment id or a list option is off-contract, then 400; an unknown shipment is 404', async () => {
    expectProblem(await call(s, 'GET', '/api/shipments/not-a-uuid', { token: admin }), 400, 'params.id')
    expectProblem(await call(s, 'PATCH', '/api/shipments/not-a-uuid', { token: admin, body: { status: 'delivered' } }), 400, 'params.id')
    for (const query of ['orderId=abc', 'status=lost', 'pageSize=500', 'page=0', 'pageSize=abc']) {
      expectProblem(await call(s, 'GET', `/api/shipments?${query}`, { token: customer.token }), 400)
    }
    expectProblem(await call(s, 'GET', `/api/shipments/${uuidv7()}`, { token: admin }), 404)
    expectProblem(await call(s, 'PATCH', `/api/shipments/${uuidv7()}`, { token: admin, body: { status: 'delivered' } }), 404)
  })

  it('when the shipment is still as it was, then none of the bad input changed it', async () => {
    expect((await call(s, 'GET', `/api/shipments/${shipment.id}`, { token: admin })).json()).toMatchObject({ status: 'pending', trackingNumber: shipment.trackingNumber })
  })
})
