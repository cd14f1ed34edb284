/**
 * Helpers for identity's tests: they drive the public HTTP surface only. Structural types keep
 * this file free of imports from test/ (it sits under src/).
 */
import type { App } from '../../platform/http.ts'
import { type Reply } from '../../platform/service.test-kit.ts'

export interface Services {
  get(name: 'identity' | 'notification'): { app: App }
}

export interface Tokens {
  user: { id: string; email: string; role: string; emailVerified: boolean; twoFactorEnabled: boolean } & Record<string, unknown>
  accessToken: string
  refreshToken: string
  expiresIn: number
}

export const PASSWORD = 'Str0ngPassword'
export const ADMIN = { email: 'admin@emporium.local', password: 'Admin123!' }

let counter = 0
export function uniqueEmail(label = 'user'): string {
  counter += 1
  return `${label}.${process.pid}.${Date.now()}.${counter}@example.com`
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

export async function call(s: Services, method: Method, url: string, options: { token?: string; body?: unknown } = {}): Promise<Reply> {
  const res = await s.get('identity').app.inject({
    method,
    url,
    ...(options.token ? { headers: bearer(options.token) } : {}),
    ...(options.body !== undefined ? { payload: options.body as Record<string, unknown> } : {}),
  })
  return res as unknown as Reply
}

export async function registerUser(
  s: Services,
  overrides: Record<string, unknown> = {},
): Promise<Tokens & { email: string; password: string }> {
  const body = { email: uniqueEmail(), password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace', ...overrides }
  const res = await call(s, 'POST', '/api/auth/register', { body })
  if (res.statusCode !== 201) throw new Error(`register answered ${res.statusCode}: ${res.body}`)
  return { ...res.json<Tokens>(), email: String(body.email), password: String(body.password) }
}

export async function login(s: Services, email: string, password: string, extra: Record<string, unknown> = {}): Promise<Reply> {
  return call(s, 'POST', '/api/auth/login', { body: { email, password, ...extra } })
}

export async function loginAsAdmin(s: Services): Promise<Tokens> {
  const res = await login(s, ADMIN.email, ADMIN.password)
  if (res.statusCode !== 200) throw new Error(`admin login answered ${res.statusCode}: ${res.body}`)
  return res.json<Tokens>()
}

/** The newest code emailed to the token's owner with this template, once the notification has arrived. */
export async function findEmailedCode(
  s: Services,
  accessToken: string,
  template: 'email_verification' | 'password_reset',
  notOneOf: string[] = [],
): Promise<string | undefined> {
  const res = await s.get('notification').app.inject({ method: 'GET', url: '/api/notifications', headers: bearer(accessToken) })
  if (res.statusCode !== 200) throw new Error(`notifications answered ${res.statusCode}: ${res.body}`)
  const items = res.json<{ items: Array<{ template: string; body: string }> }>().items
  for (const item of items) {
    if (item.template !== template) continue
    const code = /code is (\d{6})/.exec(item.body)?.[1]
    if (code && !notOneOf.includes(code)) return code
  }
  return undefined
}

export { type Reply }
