import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { ADMIN_ENV, call, loginAdmin, registerCustomer } from './notification.test-kit.ts'

let s: TestServices
let admin: string
let customer: string

beforeAll(async () => {
  s = await startTestServices(['identity', 'notification'], { env: ADMIN_ENV })
  admin = (await loginAdmin(s)).token
  customer = (await registerCustomer(s)).token
})
afterAll(() => s.stop())

function expectProblem(res: { statusCode: number; headers: Record<string, unknown> }, status: number): void {
  expect(res.statusCode).toBe(status)
  expect(res.headers['content-type']).toContain('application/problem+json')
}

const SOME_ID = '0190a5d0-0000-7000-8000-000000000001'

describe('bad input to notification', () => {
  const routes = [
    ['GET', '/api/notifications'],
    ['GET', '/api/admin/notifications'],
    ['POST', `/api/admin/notifications/${SOME_ID}/retry`],
  ] as const

  it('when a route is called without a token or with a bad one, then 401', async () => {
    for (const [method, url] of routes) {
      expectProblem(await call(s, method, url), 401)
      expectProblem(await call(s, method, url, { token: 'not-a-jwt' }), 401)
    }
  })

  it('when a customer calls an admin route, then 403', async () => {
    expectProblem(await call(s, 'GET', '/api/admin/notifications', { token: customer }), 403)
    expectProblem(await call(s, 'POST', `/api/admin/notifications/${SOME_ID}/retry`, { token: customer }), 403)
  })

  it.each([
    '/api/admin/notifications?status=bounced',
    '/api/admin/notifications?template=newsletter',
    '/api/admin/notifications?page=0',
    '/api/admin/notifications?pageSize=500',
    '/api/admin/notifications?pageSize=abc',
    '/api/admin/notifications?recipient=',
    `/api/admin/notifications?recipient=${'a'.repeat(321)}`,
    '/api/notifications?page=-1',
    '/api/notifications?pageSize=101',
  ])('when the query is off-contract (%s), then 400 validation_failed', async (url) => {
    const res = await call(s, 'GET', url, { token: url.startsWith('/api/admin') ? admin : customer })
    expectProblem(res, 400)
    expect(res.json<{ code: string }>().code).toBe('validation_failed')
  })

  it.each(['not-a-uuid', '123', "1'%20OR%20'1'='1"])('when a retry names a malformed id (%s), then 400', async (id) => {
    expectProblem(await call(s, 'POST', `/api/admin/notifications/${id}/retry`, { token: admin }), 400)
  })

  it('when a retry names an unknown id, then 404', async () => {
    expectProblem(await call(s, 'POST', `/api/admin/notifications/${SOME_ID}/retry`, { token: admin }), 404)
  })

  it('when the query is valid, then 200 with the list envelope', async () => {
    const res = await call(s, 'GET', '/api/admin/notifications?status=failed&template=low_stock&recipient=nobody&page=1&pageSize=5', { token: admin })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ items: [], total: 0, page: 1, pageSize: 5 })
  })
})
