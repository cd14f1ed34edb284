import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { eventually, startTestServices, type TestServices } from '../../../test/support/services.ts'
import { call, findEmailedCode, login, PASSWORD, registerUser, uniqueEmail } from './identity.test-kit.ts'

describe('forgotten passwords', () => {
  let services: TestServices
  beforeEach(async () => {
    services = await startTestServices(['identity', 'notification'])
  })
  afterEach(async () => {
    await services.stop()
  })

  const forgot = (email: string) => call(services, 'POST', '/api/auth/forgot-password', { body: { email } })
  const reset = (body: Record<string, unknown>) => call(services, 'POST', '/api/auth/reset-password', { body })

  it('when the email is unknown, then the answer is still 202', async () => {
    const known = await registerUser(services)
    const a = await forgot(uniqueEmail('ghost'))
    const b = await forgot(known.email)
    expect(a.statusCode).toBe(202)
    expect(b.statusCode).toBe(202)
    expect(a.json()).toEqual(b.json())
  })

  it('when the emailed reset code is used, then the new password works and every session ends', async () => {
    const user = await registerUser(services)
    expect((await forgot(user.email.toUpperCase())).statusCode).toBe(202)
    const code = await eventually(() => findEmailedCode(services, user.accessToken, 'password_reset'), 5000, 'reset code')
    const res = await reset({ email: user.email, code, newPassword: 'Rec0veredPass' })
    expect(res.statusCode).toBe(204)
    expect((await login(services, user.email, PASSWORD)).statusCode).toBe(401)
    expect((await login(services, user.email, 'Rec0veredPass')).statusCode).toBe(200)
    expect((await call(services, 'POST', '/api/auth/refresh', { body: { refreshToken: user.refreshToken } })).statusCode).toBe(401)
    // single use
    expect((await reset({ email: user.email, code, newPassword: 'An0therPass' })).statusCode).toBe(400)
  })

  it('when the reset code is wrong or expired, then 400 problem and the password stays', async () => {
    const user = await registerUser(services)
    await forgot(user.email)
    const code = await eventually(() => findEmailedCode(services, user.accessToken, 'password_reset'), 5000, 'reset code')
    const wrong = code === '999999' ? '888888' : '999999'
    const bad = await reset({ email: user.email, code: wrong, newPassword: 'Rec0veredPass' })
    expect(bad.statusCode).toBe(400)
    expect(bad.headers['content-type']).toContain('application/problem+json')
    expect(bad.json()).toMatchObject({ code: 'invalid_code' })
    await services.pglite.query(`UPDATE identity.email_codes SET expires_at = now() - interval '1 second'`)
    expect((await reset({ email: user.email, code, newPassword: 'Rec0veredPass' })).statusCode).toBe(400)
    expect((await login(services, user.email, PASSWORD)).statusCode).toBe(200)
  })

  it('when the email has no account, then reset is the same 400 as a wrong code', async () => {
    const res = await reset({ email: uniqueEmail('ghost'), code: '123456', newPassword: 'Rec0veredPass' })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'invalid_code' })
  })

  it('when the new password is weak, then 400 weak_password on newPassword', async () => {
    const res = await reset({ email: uniqueEmail(), code: '123456', newPassword: 'short' })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'weak_password', errors: expect.arrayContaining([expect.objectContaining({ path: 'newPassword' })]) })
  })
  it('when a reset is asked for twice within a minute, then one code is mailed and both answers are 202', async () => {
    const user = await registerUser(services)
    expect((await forgot(user.email)).statusCode).toBe(202)
    expect((await forgot(user.email)).statusCode).toBe(202)
    await eventually(() => findEmailedCode(services, user.accessToken, 'password_reset'), 5000, 'reset code')
    await new Promise((r) => setTimeout(r, 300))
    const { rows } = await services.pglite.query<{ n: number }>(`SELECT count(*)::int AS n FROM identity.email_codes WHERE purpose = 'reset_password'`)
    expect(rows[0]?.n).toBe(1)
  })
})
