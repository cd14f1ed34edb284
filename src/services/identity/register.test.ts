import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { eventually, startTestServices, type TestServices } from '../../../test/support/services.ts'
import { call, findEmailedCode, PASSWORD, registerUser, type Tokens, uniqueEmail } from './identity.test-kit.ts'

describe('POST /api/auth/register', () => {
  let services: TestServices
  beforeEach(async () => {
    services = await startTestServices(['identity', 'notification'])
  })
  afterEach(async () => {
    await services.stop()
  })

  it('when a customer signs up, then the answer is 201 with the user, a token pair and expiresIn', async () => {
    const email = uniqueEmail()
    const res = await call(services, 'POST', '/api/auth/register', {
      body: { email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace', phone: '+1 555 0100' },
    })
    expect(res.statusCode).toBe(201)
    const body = res.json<Tokens>()
    expect(body.user).toEqual({
      id: expect.any(String),
      email,
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: '+1 555 0100',
      role: 'customer',
      emailVerified: false,
      twoFactorEnabled: false,
      active: true,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
    })
    expect(body.accessToken.split('.')).toHaveLength(3)
    expect(body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(body.expiresIn).toBe(services.config.auth.accessTokenTtlSeconds)
    expect(res.body).not.toContain(PASSWORD)
    expect(res.body).not.toContain('argon2')
  })

  it('when a customer signs up, then a welcome and a verification code are emailed', async () => {
    const user = await registerUser(services)
    const code = await eventually(() => findEmailedCode(services, user.accessToken, 'email_verification'), 5000, 'verification code')
    expect(code).toMatch(/^\d{6}$/)
    const res = await services.get('notification').app.inject({
      method: 'GET',
      url: '/api/notifications',
      headers: { authorization: `Bearer ${user.accessToken}` },
    })
    expect(res.json<{ items: Array<{ template: string }> }>().items.map((n) => n.template).sort()).toEqual(['email_verification', 'welcome'])
  })

  it('when the email is taken, then 409, whatever its case and surrounding spaces', async () => {
    const email = uniqueEmail('Taken')
    await registerUser(services, { email })
    const res = await call(services, 'POST', '/api/auth/register', {
      body: { email: `  ${email.toUpperCase()} `, password: PASSWORD, firstName: 'B', lastName: 'C' },
    })
    expect(res.statusCode).toBe(409)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json()).toMatchObject({ status: 409, code: 'email_taken' })
  })

  it('when the email is given in capitals, then it is stored lower-cased and login works in any case', async () => {
    const email = uniqueEmail('MiXeD')
    const user = await registerUser(services, { email: email.toUpperCase() })
    expect(user.user.email).toBe(email.toLowerCase())
    const res = await call(services, 'POST', '/api/auth/login', { body: { email: ` ${email.toUpperCase()}`, password: PASSWORD } })
    expect(res.statusCode).toBe(200)
  })

  it.each([
    ['short', 'Ab1'],
    ['no upper-case letter', 'password1'],
    ['no lower-case letter', 'PASSWORD1'],
    ['no digit', 'Passwordd'],
  ])('when the password is weak (%s), then 400 with an error on password', async (_why, password) => {
    const res = await call(services, 'POST', '/api/auth/register', {
      body: { email: uniqueEmail(), password, firstName: 'A', lastName: 'B' },
    })
    expect(res.statusCode).toBe(400)
    const problem = res.json<{ code: string; errors: Array<{ path: string; message: string }> }>()
    expect(problem.code).toBe('weak_password')
    expect(problem.errors.length).toBeGreaterThan(0)
    expect(problem.errors.every((e) => e.path === 'password')).toBe(true)
    expect(res.body).not.toContain(password)
  })

  it('when the body asks for the admin role, then the role is ignored and the user is a customer', async () => {
    const user = await registerUser(services, { role: 'admin' })
    expect(user.user.role).toBe('customer')
    const me = await call(services, 'GET', '/api/auth/me', { token: user.accessToken })
    expect(me.json()).toMatchObject({ role: 'customer' })
    const admin = await call(services, 'GET', '/api/users', { token: user.accessToken })
    expect(admin.statusCode).toBe(403)
  })
})
