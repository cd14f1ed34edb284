import { randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import { eventually } from '../support/eventually.ts'
import { client } from '../support/http.ts'

/**
 * The walk a new customer takes through the gateway, the same in both run modes:
 * register → login → me → refresh → replaying the old refresh token gets 401 and kills the
 * new one too → logout.
 */
export async function walkRegisterToLogout(baseUrl: string): Promise<void> {
  const api = client(baseUrl)
  const email = `walker-${randomBytes(4).toString('hex')}@example.com`
  const password = 'Walk1ngShoes'

  const registered = await api.post('/api/auth/register', { email, password, firstName: 'Wendy', lastName: 'Walker', role: 'admin' })
  expect(registered.status).toBe(201)
  expect(registered.headers.get('x-request-id')).toBeTruthy()
  expect(registered.body.user).toMatchObject({ email, firstName: 'Wendy', role: 'customer' })
  expect(registered.text).not.toContain(password)

  const login = await api.post('/api/auth/login', { email, password })
  expect(login.status).toBe(200)
  const { accessToken, refreshToken } = login.body as { accessToken: string; refreshToken: string }
  expect(login.body.expiresIn).toBe(900)

  const me = await api.get('/api/auth/me', { token: accessToken })
  expect(me.status).toBe(200)
  expect(me.body).toMatchObject({ email, role: 'customer', emailVerified: false, twoFactorEnabled: false })

  const refreshed = await api.post('/api/auth/refresh', { refreshToken })
  expect(refreshed.status).toBe(200)
  expect(refreshed.body.refreshToken).not.toBe(refreshToken)
  expect((await api.get('/api/auth/me', { token: refreshed.body.accessToken })).status).toBe(200)

  const replayed = await api.post('/api/auth/refresh', { refreshToken })
  expect(replayed.status).toBe(401)
  expect(replayed.headers.get('content-type')).toMatch(/application\/problem\+json/)
  const newOneToo = await api.post('/api/auth/refresh', { refreshToken: refreshed.body.refreshToken })
  expect(newOneToo.status).toBe(401)

  const again = await api.post('/api/auth/login', { email, password })
  expect(again.status).toBe(200)
  const loggedOut = await api.post('/api/auth/logout', { refreshToken: again.body.refreshToken }, { token: again.body.accessToken })
  expect(loggedOut.status).toBe(204)
  expect((await api.post('/api/auth/refresh', { refreshToken: again.body.refreshToken })).status).toBe(401)

  // The welcome message and the verification code arrive through the bus.
  const inbox = await eventually(async () => {
    const res = await api.get('/api/notifications', { token: again.body.accessToken })
    const templates = (res.body?.items ?? []).map((n: { template: string }) => n.template)
    return templates.includes('welcome') && templates.includes('email_verification') ? res.body.items : undefined
  }, 10_000, 'welcome and verification messages')
  const code = /\b(\d{6})\b/.exec(inbox.find((n: { template: string }) => n.template === 'email_verification').body)?.[1]
  expect((await api.post('/api/auth/verify-email', { code }, { token: again.body.accessToken })).status).toBe(204)
  expect((await api.get('/api/auth/me', { token: again.body.accessToken })).body.emailVerified).toBe(true)
}
