import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { ADMIN_ENV, adminToken, call, createMethod, methodBody, type MethodView, newCustomer } from './shipping.test-kit.ts'

let s: TestServices
let admin: string
let customer: string

beforeAll(async () => {
  s = await startTestServices(['identity', 'shipping'], { env: ADMIN_ENV })
  admin = await adminToken(s)
  customer = (await newCustomer(s)).token
})
afterAll(() => s.stop())

const usd = (amount: number) => ({ amount, currency: 'USD' })

async function publicList(): Promise<MethodView[]> {
  const res = await call(s, 'GET', '/api/shipping/methods')
  expect(res.statusCode).toBe(200)
  return res.json<MethodView[]>()
}

describe('shipping methods', () => {
  it('when a fresh shop starts, then Standard and Express are there with zones for the US, Canada and Mexico, the EU and the rest of the world', async () => {
    const res = await call(s, 'GET', '/api/shipping/methods')
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('public, max-age=60')
    const methods = res.json<MethodView[]>()
    expect(methods.find((m) => m.name === 'Standard')).toEqual({ id: expect.any(String), name: 'Standard', carrier: 'USPS', estimatedDays: { min: 3, max: 7 } })
    expect(methods.find((m) => m.name === 'Express')).toMatchObject({ carrier: 'UPS', estimatedDays: { min: 1, max: 3 } })

    const asAdmin = (await call(s, 'GET', '/api/shipping/methods', { token: admin })).json<MethodView[]>()
    const standard = asAdmin.find((m) => m.name === 'Standard')
    expect(standard?.rates?.map((r) => r.zone)).toEqual(['United States', 'Canada and Mexico', 'European Union', 'Rest of world'])
    expect(standard?.rates?.[0]).toMatchObject({ countries: ['US'], base: usd(499), perKg: usd(150), freeOver: usd(5000) })
    expect(standard?.rates?.[2]?.countries).toContain('DE')
    expect(standard?.rates?.[3]?.countries).toEqual(['*'])
  })

  it('when shipping starts again on the same database, then the defaults are not added twice', async () => {
    const { seedDefaultMethods } = await import('./seed-methods.ts')
    const { shippingDeps } = await import('./shipping.deps.ts')
    expect(await seedDefaultMethods(shippingDeps(s.get('shipping').ctx))).toEqual([])
    expect((await publicList()).filter((m) => m.name === 'Standard')).toHaveLength(1)
  })

  it('when an admin adds a method, then 201 with its rates, and customers see it in the list', async () => {
    const res = await call(s, 'POST', '/api/shipping/methods', {
      token: admin,
      body: methodBody({ name: 'Overnight', carrier: 'FedEx', rates: [{ zone: 'Home', countries: ['us', 'ca'], base: usd(2500), perKg: usd(0) }] }),
    })
    expect(res.statusCode).toBe(201)
    const method = res.json<MethodView & { createdAt: string }>()
    expect(method).toMatchObject({
      name: 'Overnight',
      carrier: 'FedEx',
      active: true,
      estimatedDays: { min: 2, max: 4 },
      rates: [{ zone: 'Home', countries: ['CA', 'US'], base: usd(2500), perKg: usd(0), freeOver: null, estimatedDays: null }],
    })
    expect(await publicList()).toContainEqual({ id: method.id, name: 'Overnight', carrier: 'FedEx', estimatedDays: { min: 2, max: 4 } })
  })

  it('when the same create is retried with its Idempotency-Key, then one method exists and the answer is replayed', async () => {
    const body = methodBody()
    const post = () => call(s, 'POST', '/api/shipping/methods', { token: admin, body, headers: { 'idempotency-key': `method-${String(body.name).replace(' ', '-')}` } })
    const first = await post()
    const second = await post()
    expect(first.statusCode).toBe(201)
    expect(second.statusCode).toBe(201)
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(second.json()).toEqual(first.json())
    expect((await publicList()).filter((m) => m.name === body.name)).toHaveLength(1)
  })

  it('when an admin changes a method, then the given fields change and the rates are replaced as a whole', async () => {
    const method = await createMethod(s, admin)
    const res = await call(s, 'PATCH', `/api/shipping/methods/${method.id}`, {
      token: admin,
      body: { carrier: 'UPS', estimatedDays: { min: 1, max: 2 }, rates: [{ zone: 'Europe', countries: ['DE', 'FR'], base: usd(900), perKg: usd(300), freeOver: usd(20000) }] },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      id: method.id,
      name: method.name,
      carrier: 'UPS',
      estimatedDays: { min: 1, max: 2 },
      rates: [{ zone: 'Europe', countries: ['DE', 'FR'], base: usd(900), perKg: usd(300), freeOver: usd(20000) }],
    })
    const renamed = await call(s, 'PATCH', `/api/shipping/methods/${method.id}`, { token: admin, body: { name: `${method.name} renamed` } })
    expect(renamed.json()).toMatchObject({ name: `${method.name} renamed`, carrier: 'UPS', rates: [{ zone: 'Europe' }] })
  })

  it('when an admin deactivates a method, then customers no longer see it and admins see it only with includeInactive', async () => {
    const method = await createMethod(s, admin)
    expect((await call(s, 'PATCH', `/api/shipping/methods/${method.id}`, { token: admin, body: { active: false } })).json()).toMatchObject({ active: false })
    expect((await publicList()).map((m) => m.id)).not.toContain(method.id)
    expect((await call(s, 'GET', `/api/shipping/methods/${method.id}`)).statusCode).toBe(404)

    const adminDefault = (await call(s, 'GET', '/api/shipping/methods', { token: admin })).json<MethodView[]>()
    expect(adminDefault.map((m) => m.id)).not.toContain(method.id)
    const all = await call(s, 'GET', '/api/shipping/methods?includeInactive=true', { token: admin })
    expect(all.headers['cache-control']).toBe('private, no-store')
    expect(all.json<MethodView[]>().find((m) => m.id === method.id)).toMatchObject({ active: false })
    expect((await call(s, 'GET', `/api/shipping/methods/${method.id}`, { token: admin })).json()).toMatchObject({ active: false })
  })

  it('when a country is in two zones of one method, then 422 naming it, on create and on change', async () => {
    const rates = [
      { zone: 'North America', countries: ['US', 'CA'], base: usd(500), perKg: usd(100) },
      { zone: 'Neighbours', countries: ['MX', 'ca'], base: usd(900), perKg: usd(100) },
    ]
    const created = await call(s, 'POST', '/api/shipping/methods', { token: admin, body: methodBody({ rates }) })
    expect(created.statusCode).toBe(422)
    expect(created.headers['content-type']).toContain('application/problem+json')
    expect(created.json()).toMatchObject({ code: 'invalid_zones', errors: [{ path: 'rates.1.countries.1' }] })

    const method = await createMethod(s, admin)
    const changed = await call(s, 'PATCH', `/api/shipping/methods/${method.id}`, { token: admin, body: { rates } })
    expect(changed.statusCode).toBe(422)
    const twoWorlds = await call(s, 'PATCH', `/api/shipping/methods/${method.id}`, {
      token: admin,
      body: { rates: [{ zone: 'A', countries: ['*'], base: usd(1), perKg: usd(1) }, { zone: 'B', countries: ['*'], base: usd(1), perKg: usd(1) }] },
    })
    expect(twoWorlds.statusCode).toBe(422)
    expect((await call(s, 'GET', `/api/shipping/methods/${method.id}`, { token: admin })).json<MethodView>().rates).toHaveLength(2)
  })

  it('when a name is taken (in any case), then 409 on create and on rename', async () => {
    const method = await createMethod(s, admin)
    const again = await call(s, 'POST', '/api/shipping/methods', { token: admin, body: methodBody({ name: method.name.toUpperCase() }) })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ code: 'method_name_taken' })
    const other = await createMethod(s, admin)
    expect((await call(s, 'PATCH', `/api/shipping/methods/${other.id}`, { token: admin, body: { name: method.name } })).statusCode).toBe(409)
  })

  it('when an unknown method is changed or read, then 404', async () => {
    const ghost = '0190f7a0-0000-7000-8000-000000000000'
    expect((await call(s, 'PATCH', `/api/shipping/methods/${ghost}`, { token: admin, body: { active: false } })).statusCode).toBe(404)
    expect((await call(s, 'GET', `/api/shipping/methods/${ghost}`)).statusCode).toBe(404)
  })

  it('when a customer manages methods or lists inactive ones, then 403; without a token, 401', async () => {
    const method = await createMethod(s, admin)
    const attempts = [
      ['POST', '/api/shipping/methods', methodBody()],
      ['PATCH', `/api/shipping/methods/${method.id}`, { active: false }],
      ['GET', '/api/shipping/methods?includeInactive=true', undefined],
    ] as const
    for (const [verb, url, body] of attempts) {
      expect((await call(s, verb, url, { token: customer, body })).statusCode, `${verb} ${url} as customer`).toBe(403)
      expect((await call(s, verb, url, { body })).statusCode, `${verb} ${url} without token`).toBe(401)
      expect((await call(s, verb, url, { token: 'not-a-jwt', body })).statusCode, `${verb} ${url} bad token`).toBe(401)
    }
    expect((await call(s, 'GET', `/api/shipping/methods/${method.id}`, { token: admin })).json()).toMatchObject({ active: true })
  })
})

describe('the OpenAPI document', () => {
  it('when /docs/json is read, then every shipping route is there with its tags and security', async () => {
    const res = await s.get('shipping').app.inject({ method: 'GET', url: '/docs/json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json<{ paths: Record<string, Record<string, { tags?: string[]; security?: unknown[]; summary?: string }>> }>()
    const routes = [
      ['get', '/api/shipping/methods', false],
      ['get', '/api/shipping/methods/{id}', false],
      ['post', '/api/shipping/methods', true],
      ['patch', '/api/shipping/methods/{id}', true],
      ['post', '/api/shipping/quote', false],
      ['post', '/api/shipments', true],
      ['patch', '/api/shipments/{id}', true],
      ['get', '/api/shipments', true],
      ['get', '/api/shipments/{id}', true],
    ] as const
    for (const [verb, path, guarded] of routes) {
      const op = doc.paths[path]?.[verb]
      expect(op, `${verb} ${path}`).toBeDefined()
      expect(op?.tags?.length, `${verb} ${path}`).toBeGreaterThan(0)
      expect(op?.summary, `${verb} ${path}`).toBeTruthy()
      if (guarded) expect(op?.security, `${verb} ${path}`).toEqual([{ bearerAuth: [] }])
    }
  })
})
