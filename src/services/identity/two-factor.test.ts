import { Secret, TOTP } from 'otpauth'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { call, login, PASSWORD, registerUser } from './identity.test-kit.ts'

function codeAt(secret: string, offsetSteps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 })
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 })
}

function wrongCode(secret: string): string {
  const valid = new Set([-1, 0, 1].map((o) => codeAt(secret, o)))
  for (let n = 0; ; n += 1) {
    const candidate = String(n).padStart(6, '0')
    if (!valid.has(candidate)) return candidate
  }
}

describe('two-factor authentication', () => {
  let services: TestServices
  beforeEach(async () => {
    services = await startTestServices(['identity', 'notification'])
  })
  afterEach(async () => {
    await services.stop()
  })

  async function userWith2fa() {
    const user = await registerUser(services)
    const setup = await call(services, 'POST', '/api/auth/2fa/setup', { token: user.accessToken })
    expect(setup.statusCode).toBe(200)
    const { secret, otpauthUrl } = setup.json<{ secret: string; otpauthUrl: string }>()
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//)
    expect(otpauthUrl).toContain(`secret=${secret}`)
    const enable = await call(services, 'POST', '/api/auth/2fa/enable', { token: user.accessToken, body: { code: codeAt(secret) } })
    expect(enable.statusCode).toBe(204)
    return { ...user, secret }
  }

  it('when 2FA is set up but not enabled, then login needs no code', async () => {
    const user = await registerUser(services)
    await call(services, 'POST', '/api/auth/2fa/setup', { token: user.accessToken })
    expect((await login(services, user.email, PASSWORD)).statusCode).toBe(200)
    expect((await call(services, 'GET', '/api/auth/me', { token: user.accessToken })).json()).toMatchObject({ twoFactorEnabled: false })
  })

  it('when enable gets a wrong code, then 400 invalid_totp and 2FA stays off', async () => {
    const user = await registerUser(services)
    const { secret } = (await call(services, 'POST', '/api/auth/2fa/setup', { token: user.accessToken })).json<{ secret: string }>()
    const res = await call(services, 'POST', '/api/auth/2fa/enable', { token: user.accessToken, body: { code: wrongCode(secret) } })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'invalid_totp' })
    expect((await login(services, user.email, PASSWORD)).statusCode).toBe(200)
  })

  it('when 2FA is on and no code is given, then login is 401 totp_required', async () => {
    const user = await userWith2fa()
    const res = await login(services, user.email, PASSWORD)
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({ code: 'totp_required' })
    expect((await call(services, 'GET', '/api/auth/me', { token: user.accessToken })).json()).toMatchObject({ twoFactorEnabled: true })
  })

  it('when 2FA is on and the code is right, then login succeeds; the same code does not work twice', async () => {
    const user = await userWith2fa()
    const code = codeAt(user.secret)
    expect((await login(services, user.email, PASSWORD, { totp: code })).statusCode).toBe(200)
    const replay = await login(services, user.email, PASSWORD, { totp: code })
    expect(replay.statusCode).toBe(401)
    expect(replay.json()).toMatchObject({ code: 'invalid_totp' })
  })

  it('when 2FA is on and the code is wrong, then login is 401 invalid_totp', async () => {
    const user = await userWith2fa()
    const res = await login(services, user.email, PASSWORD, { totp: wrongCode(user.secret) })
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({ code: 'invalid_totp' })
  })

  it('when 2FA is on and the password is wrong, then the answer does not reveal 2FA', async () => {
    const user = await userWith2fa()
    const res = await login(services, user.email, 'Wrong-Passw0rd')
    expect(res.json()).toMatchObject({ code: 'invalid_credentials' })
  })

  it('when 2FA is disabled with a current code, then login needs no code again', async () => {
    const user = await userWith2fa()
    const bad = await call(services, 'POST', '/api/auth/2fa/disable', { token: user.accessToken, body: { code: wrongCode(user.secret) } })
    expect(bad.statusCode).toBe(400)
    const res = await call(services, 'POST', '/api/auth/2fa/disable', { token: user.accessToken, body: { code: codeAt(user.secret) } })
    expect(res.statusCode).toBe(204)
    expect((await login(services, user.email, PASSWORD)).statusCode).toBe(200)
  })

  it('when 2FA is already on, then setup is 409 and the secret is not replaced', async () => {
    const user = await userWith2fa()
    expect((await call(services, 'POST', '/api/auth/2fa/setup', { token: user.accessToken })).statusCode).toBe(409)
    expect((await login(services, user.email, PASSWORD, { totp: codeAt(user.secret, 1) })).statusCode).toBe(200)
  })
})
