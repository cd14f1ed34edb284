import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { ADMIN, call, login, loginAsAdmin, PASSWORD, registerUser, type Tokens, uniqueEmail } from './identity.test-kit.ts'

interface Page {
  items: Array<{ id: string; email: string; role: string; active: boolean }>
  total: number
  page: number
  pageSize: number
}

describe('/api/users (admin)', () => {
  let services: TestServices
  beforeEach(async () => {
    services = await startTestServices(['identity', 'notification'])
  })
  afterEach(async () => {
    await services.stop()
  })

  it('when an admin lists users, then a page comes back with the list envelope', async () => {
    const admin = await loginAsAdmin(services)
    await registerUser(services)
    await registerUser(services)
    const res = await call(services, 'GET', '/api/users?page=1&pageSize=2', { token: admin.accessToken })
    expect(res.statusCode).toBe(200)
    const page = res.json<Page>()
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: 2 })
    expect(page.items).toHaveLength(2)
    expect(res.body).not.toMatch(/password|argon2/i)
  })

  it('when an admin searches by text and role, then only matching users come back', async () => {
    const admin = await loginAsAdmin(services)
    const ziggy = await registerUser(services, { email: uniqueEmail('ziggy'), lastName: 'Stardust' })
    await registerUser(services)
    const byName = (await call(services, 'GET', '/api/users?q=stardust', { token: admin.accessToken })).json<Page>()
    expect(byName.items.map((u) => u.id)).toEqual([ziggy.user.id])
    const admins = (await call(services, 'GET', '/api/users?role=admin', { token: admin.accessToken })).json<Page>()
    expect(admins.items.map((u) => u.email)).toEqual([ADMIN.email])
    const wildcard = (await call(services, 'GET', '/api/users?q=%25', { token: admin.accessToken })).json<Page>()
    expect(wildcard.total).toBe(0)
  })

  it('when a customer calls an admin route, then 403', async () => {
    const user = await registerUser(services)
    expect((await call(services, 'GET', '/api/users', { token: user.accessToken })).statusCode).toBe(403)
    const patch = await call(services, 'PATCH', `/api/users/${user.user.id}`, { token: user.accessToken, body: { role: 'admin' } })
    expect(patch.statusCode).toBe(403)
    expect((await call(services, 'GET', '/api/auth/me', { token: user.accessToken })).json()).toMatchObject({ role: 'customer' })
  })

  it('when an admin promotes a user, then their next tokens carry the admin role', async () => {
    const admin = await loginAsAdmin(services)
    const user = await registerUser(services)
    const res = await call(services, 'PATCH', `/api/users/${user.user.id}`, { token: admin.accessToken, body: { role: 'admin' } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: user.user.id, role: 'admin' })
    const fresh = (await call(services, 'POST', '/api/auth/refresh', { body: { refreshToken: user.refreshToken } })).json<Tokens>()
    expect((await call(services, 'GET', '/api/users', { token: fresh.accessToken })).statusCode).toBe(200)
  })

  it('when an admin deactivates a user, then their sessions end and they cannot log in until reactivated', async () => {
    const admin = await loginAsAdmin(services)
    const user = await registerUser(services)
    const res = await call(services, 'PATCH', `/api/users/${user.user.id}`, { token: admin.accessToken, body: { active: false } })
    expect(res.json()).toMatchObject({ active: false })
    expect((await call(services, 'POST', '/api/auth/refresh', { body: { refreshToken: user.refreshToken } })).statusCode).toBe(401)
    expect((await login(services, user.email, PASSWORD)).statusCode).toBe(401)
    await call(services, 'PATCH', `/api/users/${user.user.id}`, { token: admin.accessToken, body: { active: true } })
    expect((await login(services, user.email, PASSWORD)).statusCode).toBe(200)
  })

  it('when an admin tries to deactivate or demote themselves, then 422', async () => {
    const admin = await loginAsAdmin(services)
    for (const body of [{ active: false }, { role: 'customer' }]) {
      const res = await call(services, 'PATCH', `/api/users/${admin.user.id}`, { token: admin.accessToken, body })
      expect(res.statusCode).toBe(422)
    }
  })

  it('when the user does not exist or the body is off-contract, then 404 or 400', async () => {
    const admin = await loginAsAdmin(services)
    const missing = await call(services, 'PATCH', '/api/users/0190a0a0-0000-7000-8000-000000000000', { token: admin.accessToken, body: { active: true } })
    expect(missing.statusCode).toBe(404)
    const user = await registerUser(services)
    const bad = await call(services, 'PATCH', `/api/users/${user.user.id}`, { token: admin.accessToken, body: { role: 'superuser' } })
    expect(bad.statusCode).toBe(400)
    const email = await call(services, 'PATCH', `/api/users/${user.user.id}`, { token: admin.accessToken, body: { email: 'x@example.com' } })
    expect(email.statusCode).toBe(400)
    const page = await call(services, 'GET', '/api/users?pageSize=500', { token: admin.accessToken })
    expect(page.statusCode).toBe(400)
  })
})
