import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { call, registerUser } from './identity.test-kit.ts'

interface Address {
  id: string
  fullName: string
  country: string
  isDefault: boolean
  line2: string | null
}

const home = { fullName: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'gb' }
const work = { fullName: 'Ada Lovelace', line1: '1 Infinite Loop', city: 'Cupertino', region: 'CA', postalCode: '95014', country: 'US' }

describe('/api/auth/me/addresses', () => {
  let services: TestServices
  beforeEach(async () => {
    services = await startTestServices(['identity', 'notification'])
  })
  afterEach(async () => {
    await services.stop()
  })

  const list = async (token: string) =>
    (await call(services, 'GET', '/api/auth/me/addresses', { token })).json<{ items: Address[] }>().items

  it('when the first address is saved, then it is the default and the country is upper-cased', async () => {
    const user = await registerUser(services)
    const res = await call(services, 'POST', '/api/auth/me/addresses', { token: user.accessToken, body: home })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ id: expect.any(String), country: 'GB', isDefault: true, line2: null, region: null, phone: null })
    expect(await list(user.accessToken)).toHaveLength(1)
  })

  it('when another address is made the default, then the previous default is unset', async () => {
    const user = await registerUser(services)
    const first = (await call(services, 'POST', '/api/auth/me/addresses', { token: user.accessToken, body: home })).json<Address>()
    const second = (await call(services, 'POST', '/api/auth/me/addresses', { token: user.accessToken, body: work })).json<Address>()
    expect(second.isDefault).toBe(false)
    const res = await call(services, 'PATCH', `/api/auth/me/addresses/${second.id}`, { token: user.accessToken, body: { isDefault: true } })
    expect(res.statusCode).toBe(200)
    const items = await list(user.accessToken)
    expect(items.filter((a) => a.isDefault).map((a) => a.id)).toEqual([second.id])
    const third = await call(services, 'POST', '/api/auth/me/addresses', { token: user.accessToken, body: { ...home, isDefault: true } })
    expect((await list(user.accessToken)).filter((a) => a.isDefault).map((a) => a.id)).toEqual([third.json<Address>().id])
    expect(first.isDefault).toBe(true)
  })

  it('when an address is edited, then the change is kept', async () => {
    const user = await registerUser(services)
    const a = (await call(services, 'POST', '/api/auth/me/addresses', { token: user.accessToken, body: home })).json<Address>()
    const res = await call(services, 'PATCH', `/api/auth/me/addresses/${a.id}`, { token: user.accessToken, body: { line2: 'Flat 3', country: 'fr' } })
    expect(res.json()).toMatchObject({ line2: 'Flat 3', country: 'FR', fullName: home.fullName })
  })

  it('when the default address is deleted, then the oldest remaining one becomes the default', async () => {
    const user = await registerUser(services)
    const a = (await call(services, 'POST', '/api/auth/me/addresses', { token: user.accessToken, body: home })).json<Address>()
    const b = (await call(services, 'POST', '/api/auth/me/addresses', { token: user.accessToken, body: work })).json<Address>()
    const res = await call(services, 'DELETE', `/api/auth/me/addresses/${a.id}`, { token: user.accessToken })
    expect(res.statusCode).toBe(204)
    expect(await list(user.accessToken)).toEqual([expect.objectContaining({ id: b.id, isDefault: true })])
  })

  it("when a user touches another user's address, then 404 and it is unchanged", async () => {
    const owner = await registerUser(services)
    const intruder = await registerUser(services)
    const a = (await call(services, 'POST', '/api/auth/me/addresses', { token: owner.accessToken, body: home })).json<Address>()
    const patch = await call(services, 'PATCH', `/api/auth/me/addresses/${a.id}`, { token: intruder.accessToken, body: { city: 'Paris' } })
    expect(patch.statusCode).toBe(404)
    expect((await call(services, 'DELETE', `/api/auth/me/addresses/${a.id}`, { token: intruder.accessToken })).statusCode).toBe(404)
    expect(await list(intruder.accessToken)).toEqual([])
    expect(await list(owner.accessToken)).toEqual([expect.objectContaining({ id: a.id, fullName: home.fullName })])
  })

  it.each([
    ['a three-letter country', { ...home, country: 'GBR' }],
    ['a missing city', { ...home, city: undefined }],
    ['an empty full name', { ...home, fullName: '  ' }],
    ['a number as postal code', { ...home, postalCode: 12345 }],
  ])('when the address has %s, then 400 validation_failed', async (_what, body) => {
    const user = await registerUser(services)
    const res = await call(services, 'POST', '/api/auth/me/addresses', { token: user.accessToken, body })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'validation_failed', errors: expect.any(Array) })
  })

  it('when the address id is not a UUID, then 400', async () => {
    const user = await registerUser(services)
    expect((await call(services, 'DELETE', '/api/auth/me/addresses/nope', { token: user.accessToken })).statusCode).toBe(400)
  })
})
