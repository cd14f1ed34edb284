import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { eventually, startTestServices, type TestServices } from '../../../test/support/services.ts'
import { call, findEmailedCode, login, PASSWORD, registerUser, type Tokens } from './identity.test-kit.ts'

describe('the signed-in account', () => {
  let services: TestServices
  beforeEach(async () => {
    services = await startTestServices(['identity', 'notification'])
  })
  afterEach(async () => {
    await services.stop()
  })

  it('when the caller reads /me, then it has the documented fields and no secret', async () => {
    const user = await registerUser(services, { phone: '+44 20 7946 0000' })
    const res = await call(services, 'GET', '/api/auth/me', { token: user.accessToken })
    expect(res.statusCode).toBe(200)
    const me = res.json()
    for (const field of ['id', 'email', 'firstName', 'lastName', 'phone', 'role', 'emailVerified', 'twoFactorEnabled', 'createdAt']) {
      expect(me).toHaveProperty(field)
    }
    expect(JSON.stringify(me)).not.toMatch(/password|argon2|totp/i)
  })

  it('when /me is called without a token, then 401 problem+json', async () => {
    const res = await call(services, 'GET', '/api/auth/me')
    expect(res.statusCode).toBe(401)
    expect(res.headers['content-type']).toContain('application/problem+json')
  })

  it('when the caller edits name and phone, then /me shows them', async () => {
    const user = await registerUser(services)
    const res = await call(services, 'PATCH', '/api/auth/me', { token: user.accessToken, body: { firstName: 'Grace', lastName: 'Hopper', phone: '+1 555 0199' } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ firstName: 'Grace', lastName: 'Hopper', phone: '+1 555 0199' })
    const cleared = await call(services, 'PATCH', '/api/auth/me', { token: user.accessToken, body: { phone: null } })
    expect(cleared.json()).toMatchObject({ firstName: 'Grace', phone: null })
  })

  it('when the caller tries to set role or email on /me, then 400 and nothing changes', async () => {
    const user = await registerUser(services)
    for (const body of [{ role: 'admin' }, { email: 'other@example.com' }, { firstName: 'X', role: 'admin' }]) {
      const res = await call(services, 'PATCH', '/api/auth/me', { token: user.accessToken, body })
      expect(res.statusCode).toBe(400)
    }
    const me = (await call(services, 'GET', '/api/auth/me', { token: user.accessToken })).json()
    expect(me).toMatchObject({ role: 'customer', email: user.email, firstName: 'Ada' })
  })

  it('when the password is changed, then other sessions end, this one lives, and the new password logs in', async () => {
    const user = await registerUser(services)
    const other = (await login(services, user.email, PASSWORD)).json<Tokens>()
    const res = await call(services, 'POST', '/api/auth/change-password', {
      token: user.accessToken,
      body: { currentPassword: PASSWORD, newPassword: 'N3wPassword!' },
    })
    expect(res.statusCode).toBe(204)
    expect((await call(services, 'POST', '/api/auth/refresh', { body: { refreshToken: other.refreshToken } })).statusCode).toBe(401)
    expect((await call(services, 'POST', '/api/auth/refresh', { body: { refreshToken: user.refreshToken } })).statusCode).toBe(200)
    expect((await login(services, user.email, PASSWORD)).statusCode).toBe(401)
    expect((await login(services, user.email, 'N3wPassword!')).statusCode).toBe(200)
  })

  it('when the current password is wrong, then 400 wrong_password and the password stays', async () => {
    const user = await registerUser(services)
    const res = await call(services, 'POST', '/api/auth/change-password', {
      token: user.accessToken,
      body: { currentPassword: 'Not-The-Passw0rd', newPassword: 'N3wPassword!' },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'wrong_password' })
    expect((await login(services, user.email, PASSWORD)).statusCode).toBe(200)
  })

  it('when the new password is weak, then 400 with an error on newPassword', async () => {
    const user = await registerUser(services)
    const res = await call(services, 'POST', '/api/auth/change-password', {
      token: user.accessToken,
      body: { currentPassword: PASSWORD, newPassword: 'weak' },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json<{ errors: Array<{ path: string }> }>().errors.every((e) => e.path === 'newPassword')).toBe(true)
  })

  it('when the emailed verification code is shown, then the email is verified', async () => {
    const user = await registerUser(services)
    const code = await eventually(() => findEmailedCode(services, user.accessToken, 'email_verification'), 5000, 'verification code')
    const res = await call(services, 'POST', '/api/auth/verify-email', { token: user.accessToken, body: { code } })
    expect(res.statusCode).toBe(204)
    expect((await call(services, 'GET', '/api/auth/me', { token: user.accessToken })).json()).toMatchObject({ emailVerified: true })
  })

  it('when a wrong verification code is shown 5 times, then even the right code is refused', async () => {
    const user = await registerUser(services)
    const code = await eventually(() => findEmailedCode(services, user.accessToken, 'email_verification'), 5000, 'verification code')
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 0; i < 5; i += 1) {
      const res = await call(services, 'POST', '/api/auth/verify-email', { token: user.accessToken, body: { code: wrong } })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({ code: 'invalid_code' })
    }
    expect((await call(services, 'POST', '/api/auth/verify-email', { token: user.accessToken, body: { code } })).statusCode).toBe(400)
  })

  it('when the verification code has expired, then it is refused', async () => {
    const user = await registerUser(services)
    const code = await eventually(() => findEmailedCode(services, user.accessToken, 'email_verification'), 5000, 'verification code')
    await services.pglite.query(`UPDATE identity.email_codes SET expires_at = now() - interval '1 second'`)
    expect((await call(services, 'POST', '/api/auth/verify-email', { token: user.accessToken, body: { code } })).statusCode).toBe(400)
  })

  it('when verification is resent, then a new code comes and the old one stops working', async () => {
    const user = await registerUser(services)
    const first = await eventually(() => findEmailedCode(services, user.accessToken, 'email_verification'), 5000, 'first code')
    const res = await call(services, 'POST', '/api/auth/resend-verification', { token: user.accessToken })
    expect(res.statusCode).toBe(204)
    const second = await eventually(() => findEmailedCode(services, user.accessToken, 'email_verification', [first]), 5000, 'second code')
    expect((await call(services, 'POST', '/api/auth/verify-email', { token: user.accessToken, body: { code: first } })).statusCode).toBe(400)
    expect((await call(services, 'POST', '/api/auth/verify-email', { token: user.accessToken, body: { code: second } })).statusCode).toBe(204)
  })
  it('when verification is resent twice within a minute, then the second ask is 429 and no third code is sent', async () => {
    const user = await registerUser(services)
    expect((await call(services, 'POST', '/api/auth/resend-verification', { token: user.accessToken })).statusCode).toBe(204)
    const again = await call(services, 'POST', '/api/auth/resend-verification', { token: user.accessToken })
    expect(again.statusCode).toBe(429)
    expect(again.json()).toMatchObject({ code: 'code_recently_sent' })
  })
})
