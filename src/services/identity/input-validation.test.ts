import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { bearer, call, PASSWORD, registerUser } from './identity.test-kit.ts'

describe('bad input to identity', () => {
  let services: TestServices
  beforeEach(async () => {
    services = await startTestServices(['identity', 'notification'])
  })
  afterEach(async () => {
    await services.stop()
  })

  const raw = (url: string, payload: string, contentType = 'application/json', headers: Record<string, string> = {}) =>
    services.get('identity').app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType, ...headers } })

  it('when the body is malformed JSON, then 400 problem+json malformed_json', async () => {
    for (const url of ['/api/auth/register', '/api/auth/login', '/api/auth/refresh', '/api/auth/forgot-password']) {
      const res = await raw(url, '{"email": "a@b.co", ')
      expect(res.statusCode).toBe(400)
      expect(res.headers['content-type']).toContain('application/problem+json')
      expect(res.json()).toMatchObject({ status: 400, code: 'malformed_json' })
    }
  })

  it.each([
    ['/api/auth/register', { email: 42, password: PASSWORD, firstName: 'A', lastName: 'B' }, 'email'],
    ['/api/auth/register', { email: 'not-an-email', password: PASSWORD, firstName: 'A', lastName: 'B' }, 'email'],
    ['/api/auth/register', { email: 'a@example.com', password: PASSWORD, lastName: 'B' }, 'firstName'],
    ['/api/auth/register', { email: 'a@example.com', password: ['x'], firstName: 'A', lastName: 'B' }, 'password'],
    ['/api/auth/login', { email: 'a@example.com' }, 'password'],
    ['/api/auth/login', { email: 'a@example.com', password: PASSWORD, totp: 'abc' }, 'totp'],
    ['/api/auth/refresh', { refreshToken: 123 }, 'refreshToken'],
    ['/api/auth/reset-password', { email: 'a@example.com', code: '12', newPassword: PASSWORD }, 'code'],
  ])('when %s gets %j, then 400 validation_failed naming %s', async (url, body, path) => {
    const res = await call(services, 'POST', url, { body })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toContain('application/problem+json')
    const problem = res.json<{ code: string; errors: Array<{ path: string }> }>()
    expect(problem.code).toBe('validation_failed')
    expect(problem.errors.map((e) => e.path)).toContain(path)
  })

  it('when the body is empty or not JSON, then 4xx problem, never 500', async () => {
    expect((await raw('/api/auth/login', '')).statusCode).toBe(400)
    expect((await raw('/api/auth/login', 'null')).statusCode).toBe(400)
    expect((await raw('/api/auth/login', '[]')).statusCode).toBe(400)
    expect((await raw('/api/auth/login', 'email=a', 'text/plain')).statusCode).toBe(400)
    const xml = await raw('/api/auth/login', '<login/>', 'application/xml')
    expect(xml.statusCode).toBe(415)
    expect(xml.headers['content-type']).toContain('application/problem+json')
  })

  it('when a signed-in route gets a bad body, then 400 problem', async () => {
    const user = await registerUser(services)
    const headers = bearer(user.accessToken)
    expect((await raw('/api/auth/verify-email', '{"code": 123456}', 'application/json', headers)).statusCode).toBe(400)
    expect((await raw('/api/auth/change-password', '{}', 'application/json', headers)).statusCode).toBe(400)
    expect((await raw('/api/auth/2fa/enable', '{"code": "12345a"}', 'application/json', headers)).statusCode).toBe(400)
    const patch = await services.get('identity').app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers,
      payload: { firstName: '' },
    })
    expect(patch.statusCode).toBe(400)
  })

  it('when any identity route answers, then no password or hash is in the body', async () => {
    const user = await registerUser(services)
    const answers = [
      await call(services, 'POST', '/api/auth/login', { body: { email: user.email, password: PASSWORD } }),
      await call(services, 'POST', '/api/auth/login', { body: { email: user.email, password: 'Wr0ngPassword' } }),
      await call(services, 'POST', '/api/auth/refresh', { body: { refreshToken: user.refreshToken } }),
      await call(services, 'GET', '/api/auth/me', { token: user.accessToken }),
      await call(services, 'PATCH', '/api/auth/me', { token: user.accessToken, body: { lastName: 'Byron' } }),
      await call(services, 'POST', '/api/auth/change-password', { token: user.accessToken, body: { currentPassword: 'Wr0ngPassword', newPassword: 'An0therPass' } }),
      await call(services, 'POST', '/api/auth/register', { body: { email: user.email, password: PASSWORD, firstName: 'A', lastName: 'B' } }),
    ]
    for (const res of answers) {
      expect(res.body).not.toContain(PASSWORD)
      expect(res.body).not.toContain('Wr0ngPassword')
      expect(res.body).not.toMatch(/argon2|passwordHash|password_hash/)
    }
  })

  it('when the OpenAPI document is asked for, then every identity route is in it with a tag and a summary', async () => {
    const res = await services.get('identity').app.inject({ method: 'GET', url: '/docs/json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json<{ paths: Record<string, Record<string, { tags?: string[]; summary?: string }>> }>()
    for (const path of ['/api/auth/register', '/api/auth/login', '/api/auth/me', '/api/auth/me/addresses/{id}', '/api/users', '/.well-known/jwks.json']) {
      expect(doc.paths).toHaveProperty([path])
      for (const op of Object.values(doc.paths[path] ?? {})) {
        expect(op.tags?.length).toBeGreaterThan(0)
        expect(op.summary).toBeTruthy()
      }
    }
  })
})
