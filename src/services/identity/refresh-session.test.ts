import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { call, login, loginAsAdmin, PASSWORD, registerUser, type Tokens } from './identity.test-kit.ts'

describe('refresh tokens and logout', () => {
  let services: TestServices
  beforeEach(async () => {
    services = await startTestServices(['identity', 'notification'])
  })
  afterEach(async () => {
    await services.stop()
  })

  const refresh = (refreshToken: string) => call(services, 'POST', '/api/auth/refresh', { body: { refreshToken } })

  it('when a refresh token is exchanged, then a new pair comes back and the new access token works', async () => {
    const user = await registerUser(services)
    const res = await refresh(user.refreshToken)
    expect(res.statusCode).toBe(200)
    const next = res.json<Tokens>()
    expect(next.refreshToken).not.toBe(user.refreshToken)
    expect(next.user.id).toBe(user.user.id)
    expect((await call(services, 'GET', '/api/auth/me', { token: next.accessToken })).statusCode).toBe(200)
    expect((await refresh(next.refreshToken)).statusCode).toBe(200)
  })

  it('when a rotated refresh token is replayed, then 401 and the whole family is revoked', async () => {
    const user = await registerUser(services)
    const next = (await refresh(user.refreshToken)).json<Tokens>()
    const replay = await refresh(user.refreshToken)
    expect(replay.statusCode).toBe(401)
    expect(replay.json()).toMatchObject({ code: 'refresh_token_reused' })
    expect((await refresh(next.refreshToken)).statusCode).toBe(401)
  })

  it('when a session is revoked by reuse, then the other sessions of the user live on', async () => {
    const user = await registerUser(services)
    const other = (await login(services, user.email, PASSWORD)).json<Tokens>()
    await refresh(user.refreshToken)
    await refresh(user.refreshToken)
    expect((await refresh(other.refreshToken)).statusCode).toBe(200)
  })

  it('when one refresh token is exchanged twice at once, then exactly one exchange succeeds', async () => {
    const user = await registerUser(services)
    const answers = await Promise.all(Array.from({ length: 5 }, () => refresh(user.refreshToken)))
    const statuses = answers.map((r) => r.statusCode).sort()
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 401)).toHaveLength(4)
  })

  it('when the refresh token is unknown, then 401', async () => {
    const res = await refresh('A'.repeat(43))
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({ code: 'invalid_refresh_token' })
  })

  it('when the refresh token has expired, then 401', async () => {
    const user = await registerUser(services)
    await services.pglite.query(`UPDATE identity.refresh_tokens SET expires_at = now() - interval '1 minute'`)
    expect((await refresh(user.refreshToken)).statusCode).toBe(401)
  })

  it('when the user logs out, then 204 and the refresh token no longer works', async () => {
    const user = await registerUser(services)
    const res = await call(services, 'POST', '/api/auth/logout', { token: user.accessToken, body: { refreshToken: user.refreshToken } })
    expect(res.statusCode).toBe(204)
    expect(res.body).toBe('')
    expect((await refresh(user.refreshToken)).statusCode).toBe(401)
  })

  it('when logout has no access token, then 401', async () => {
    const user = await registerUser(services)
    const res = await call(services, 'POST', '/api/auth/logout', { body: { refreshToken: user.refreshToken } })
    expect(res.statusCode).toBe(401)
    expect((await refresh(user.refreshToken)).statusCode).toBe(200)
  })

  it("when a user logs out with someone else's refresh token, then that session is untouched", async () => {
    const alice = await registerUser(services)
    const bob = await registerUser(services)
    await call(services, 'POST', '/api/auth/logout', { token: alice.accessToken, body: { refreshToken: bob.refreshToken } })
    expect((await refresh(bob.refreshToken)).statusCode).toBe(200)
    expect((await refresh(alice.refreshToken)).statusCode).toBe(401)
  })

  it('when a user is deactivated, then their refresh tokens stop working', async () => {
    const user = await registerUser(services)
    const admin = await loginAsAdmin(services)
    await call(services, 'PATCH', `/api/users/${user.user.id}`, { token: admin.accessToken, body: { active: false } })
    expect((await refresh(user.refreshToken)).statusCode).toBe(401)
  })
})
