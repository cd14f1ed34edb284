import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { ADMIN_ENV, adminToken, call, customerToken, levelOf, stockUp, uniqueSku } from './inventory.test-kit.ts'

let s: TestServices
let admin: string
let customer: string
let sku: string

beforeAll(async () => {
  s = await startTestServices(['identity', 'inventory'], { env: ADMIN_ENV })
  admin = await adminToken(s)
  customer = await customerToken(s)
  sku = uniqueSku('GUARD')
  await stockUp(s, { [sku]: 10 })
})
afterAll(() => s.stop())

function expectProblem(res: { statusCode: number; headers: Record<string, unknown> }, status: number): void {
  expect(res.statusCode).toBe(status)
  expect(res.headers['content-type']).toContain('application/problem+json')
}

describe('bad input to inventory', () => {
  it.each([
    [{ delta: 0, reason: 'received' }, 'delta'],
    [{ delta: 1.5, reason: 'received' }, 'delta'],
    [{ delta: '5', reason: 'received' }, 'delta'],
    [{ delta: 10 ** 12, reason: 'received' }, 'delta'],
    [{ reason: 'received' }, 'delta'],
    [{ delta: 5, reason: 'stolen' }, 'reason'],
    [{ delta: 5, reason: 'sold' }, 'reason'],
    [{ delta: 5 }, 'reason'],
    [{ delta: 5, reason: 'received', note: 'x'.repeat(501) }, 'note'],
    [{ delta: 5, reason: 'received', note: 42 }, 'note'],
  ])('when an adjustment is %j, then 400 validation_failed naming %s', async (body, path) => {
    const res = await call(s, 'POST', `/api/inventory/${sku}/adjustments`, { token: admin, body })
    expectProblem(res, 400)
    const problem = res.json<{ code: string; errors: Array<{ path: string }> }>()
    expect(problem.code).toBe('validation_failed')
    expect(problem.errors.map((e) => e.path)).toContain(path)
  })

  it('when an adjustment body is not JSON or not an object, then 4xx problem, never 500', async () => {
    const raw = (payload: string, contentType = 'application/json') =>
      s.get('inventory').app.inject({
        method: 'POST',
        url: `/api/inventory/${sku}/adjustments`,
        payload,
        headers: { 'content-type': contentType, authorization: `Bearer ${admin}` },
      })
    expectProblem(await raw('{"delta": 5,'), 400)
    expectProblem(await raw('[]'), 400)
    expectProblem(await raw('null'), 400)
    expectProblem(await raw('<delta/>', 'application/xml'), 415)
  })

  it('when a threshold is negative, fractional or not a number, then 400', async () => {
    for (const body of [{ lowStockThreshold: -1 }, { lowStockThreshold: 2.5 }, { lowStockThreshold: 'ten' }, {}]) {
      expectProblem(await call(s, 'PATCH', `/api/inventory/${sku}`, { token: admin, body }), 400)
    }
  })

  it('when list or ledger paging is off-contract, then 400', async () => {
    for (const url of ['/api/inventory?pageSize=500', '/api/inventory?page=0', '/api/inventory?lowStock=maybe', `/api/inventory/${sku}/movements?pageSize=abc`]) {
      expectProblem(await call(s, 'GET', url, { token: admin }), 400)
    }
  })

  it('when an admin route names an unknown sku, then 404', async () => {
    const ghost = uniqueSku('GHOST')
    expectProblem(await call(s, 'POST', `/api/inventory/${ghost}/adjustments`, { token: admin, body: { delta: 5, reason: 'received' } }), 404)
    expectProblem(await call(s, 'PATCH', `/api/inventory/${ghost}`, { token: admin, body: { lowStockThreshold: 3 } }), 404)
    expectProblem(await call(s, 'GET', `/api/inventory/${ghost}/movements`, { token: admin }), 404)
  })

  it('when a sku is longer than any sku can be, then 4xx, never 500', async () => {
    expectProblem(await call(s, 'GET', `/api/inventory/${'X'.repeat(200)}`), 404)
    // Past the router's 200-character parameter limit, Fastify answers 414 itself, before any route or error handler runs.
    const res = await call(s, 'GET', `/api/inventory/${'X'.repeat(250)}`)
    expect(res.statusCode).toBe(414)
  })

  const adminRoutes = () =>
    [
      ['GET', '/api/inventory', undefined],
      ['POST', `/api/inventory/${sku}/adjustments`, { delta: 5, reason: 'received' }],
      ['PATCH', `/api/inventory/${sku}`, { lowStockThreshold: 3 }],
      ['GET', `/api/inventory/${sku}/movements`, undefined],
    ] as const

  it('when a customer calls an admin route, then 403 and nothing changes', async () => {
    for (const [method, url, body] of adminRoutes()) {
      expectProblem(await call(s, method, url, { token: customer, body }), 403)
    }
    expect(await levelOf(s, admin, sku)).toMatchObject({ onHand: 10, lowStockThreshold: 5 })
  })

  it('when an admin route is called without a token or with a bad one, then 401', async () => {
    for (const [method, url, body] of adminRoutes()) {
      expectProblem(await call(s, method, url, { body }), 401)
      expectProblem(await call(s, method, url, { token: 'not-a-jwt', body }), 401)
    }
  })
})
