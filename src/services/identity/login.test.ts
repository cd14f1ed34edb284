import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { call, login, loginAsAdmin, PASSWORD, registerUser, type Tokens, uniqueEmail } from './identity.test-kit.ts'

describe('POST /api/auth/login', () => {
  let services: TestServices
  beforeEach(async () => {
    services = await startTestServices(['identity', 'notification'])
  })
  afterEach(async () => {
    await services.stop()
  })

  it('when the password is right, then 200 with a token pair that opens /me', async () => {
    const user = await registerUser(services)
    const res = await login(services, user.email, PASSWORD)
    expect(res.statusCode).toBe(200)
    const tokens = res.json<Tokens>()
    expect(tokens).toMatchObject({ user: { id: user.user.id, email: user.email }, expiresIn: 900 })
    const me = await call(services, 'GET', '/api/auth/me', { token: tokens.accessToken })
    expect(me.statusCode).toBe(200)
    expect(me.json()).toMatchObject({ id: user.user.id })
    expect(res.body).not.toContain(PASSWORD)
  })

  it('when the password is wrong, then 401 invalid_credentials', async () => {
    const user = await registerUser(services)
    const res = await login(services, user.email, 'Wrong-Passw0rd')
    expect(res.statusCode).toBe(401)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json()).toMatchObject({ status: 401, code: 'invalid_credentials' })
  })

  it('when the email is unknown, then the answer is the same as for a wrong password', async () => {
    const user = await registerUser(services)
    const wrong = await login(services, user.email, 'Wrong-Passw0rd')
    const unknown = await login(services, uniqueEmail('nobody'), 'Wrong-Passw0rd')
    expect(unknown.statusCode).toBe(wrong.statusCode)
    expect(unknown.json()).toEqual(wrong.json())
  })

  it('when an account has 5 failed logins, then the next login is 429 even with the right password', async () => {
    const user = await registerUser(services)
    for (let i = 0; i < 5; i += 1) {
      expect((await login(services, user.email, `Wrong-Passw0rd${i}`)).statusCode).toBe(401)
    }
    const res = await login(services, user.email.toUpperCase(), PASSWORD)
    expect(res.statusCode).toBe(429)
    expect(res.json()).toMatchObject({ status: 429, code: 'login_throttled' })
    const retryAfter = Number(res.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(15 * 60)
  })

  it('when another account is throttled, then this one can still log in', async () => {
    const victim = await registerUser(services)
    const other = await registerUser(services)
    for (let i = 0; i < 5; i += 1) await login(services, victim.email, 'Wrong-Passw0rd')
    expect((await login(services, other.email, PASSWORD)).statusCode).toBe(200)
  })

  it('when a login succeeds, then the earlier failures of the account are forgotten', async () => {
    const user = await registerUser(services)
    for (let i = 0; i < 4; i += 1) await login(services, user.email, 'Wrong-Passw0rd')
    expect((await login(services, user.email, PASSWORD)).statusCode).toBe(200)
    for (let i = 0; i < 4; i += 1) expect((await login(services, user.email, 'Wrong-Passw0rd')).statusCode).toBe(401)
    expect((await login(services, user.email, PASSWORD)).statusCode).toBe(200)
  })

  it('when a user has been deactivated, then login is 401', async () => {
    const user = await registerUser(services)
    const admin = await loginAsAdmin(services)
    const patch = await call(services, 'PATCH', `/api/users/${user.user.id}`, { token: admin.accessToken, body: { active: false } })
    expect(patch.statusCode).toBe(200)
    const res = await login(services, user.email, PASSWORD)
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({ code: 'account_disabled' })
  })
})

describe('POST /api/auth/login throttling per IP', () => {
  let services: TestServices
  beforeEach(async () => {
    services = await startTestServices(['identity', 'notification'], { env: { LOGIN_MAX_FAILURES_PER_IP: '3' } })
  })
  afterEach(async () => {
    await services.stop()
  })

  it('when one IP fails on many accounts, then its logins are 429 for every account', async () => {
    const user = await registerUser(services)
    for (let i = 0; i < 3; i += 1) await login(services, uniqueEmail('spray'), 'Wrong-Passw0rd')
    const res = await login(services, user.email, PASSWORD)
    expect(res.statusCode).toBe(429)
  })
})
