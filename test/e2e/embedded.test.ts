import type { PGliteInterface } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSystem, startEmbedded } from '../../src/launch.ts'
import { testConfig } from '../support/config.ts'
import { client } from '../support/http.ts'
import { migratedPglite } from '../support/pglite.ts'
import { walkRegisterToLogout } from './auth-walk.ts'

let system: RunningSystem
let pglite: PGliteInterface

beforeAll(async () => {
  pglite = await migratedPglite()
  system = await startEmbedded(testConfig(), { pglite })
})
afterAll(async () => {
  await system?.stop()
  await pglite?.close()
})

describe('embedded mode, through the gateway', () => {
  it('a new customer registers, logs in, reads their profile, refreshes, is protected from token replay and logs out', async () => {
    await walkRegisterToLogout(system.url!)
  })

  it("a request's id and trace context travel on with the messages it causes", async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
    const res = await client(system.url!).post(
      '/api/auth/register',
      { email: 'traced@example.com', password: 'Trac3dPassword', firstName: 'Tra', lastName: 'Ced' },
      { headers: { 'x-request-id': 'req-traced-1', traceparent } },
    )
    expect(res.status).toBe(201)
    expect(res.headers.get('x-request-id')).toBe('req-traced-1')
    const { rows } = await pglite.query<{ envelope: { correlationId: string; traceparent: string; type: string } }>(
      `SELECT envelope FROM identity.outbox WHERE envelope->'payload'->>'email' = 'traced@example.com'`,
    )
    expect(rows.map((r) => r.envelope.type).sort()).toEqual(['user.registered', 'user.verification_requested'])
    for (const { envelope } of rows) expect(envelope).toMatchObject({ correlationId: 'req-traced-1', traceparent })
  })

  it('reports every service ready', async () => {
    const res = await client(system.url!).get('/health/ready')
    expect(res.status).toBe(200)
  })

  it('serves one OpenAPI document for the whole API', async () => {
    const res = await client(system.url!).get('/docs/json')
    expect(res.status).toBe(200)
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/register',
        '/api/notifications',
        '/api/products',
        '/api/products/{id}',
        '/api/categories',
        '/api/inventory/{sku}/adjustments',
        '/api/cart',
        '/api/cart/items',
        '/api/cart/merge',
        '/api/wishlist',
        '/api/shipping/methods',
        '/api/shipping/quote',
        '/api/shipments',
        '/api/shipments/{id}',
        '/api/orders',
        '/api/orders/{id}',
        '/api/orders/{id}/cancel',
        '/api/orders/{id}/returns',
        '/api/admin/orders',
        '/api/admin/returns/{id}/approve',
        '/api/admin/dashboard',
        '/api/payments',
        '/api/payments/{id}',
        '/api/payments/{id}/refunds',
        '/api/payments/webhooks/{provider}',
        '/api/admin/notifications',
        '/api/admin/notifications/{id}/retry',
      ]),
    )
  })
})
