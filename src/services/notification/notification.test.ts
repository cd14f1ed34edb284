import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../../../test/support/eventually.ts'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'

let s: TestServices

beforeAll(async () => {
  s = await startTestServices(['identity', 'notification'])
})
afterAll(() => s.stop())

async function register(email: string): Promise<{ userId: string; token: string }> {
  const res = await s.get('identity').app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: { email, password: 'Inbox1234', firstName: 'Ivy', lastName: 'Inbox' },
  })
  expect(res.statusCode).toBe(201)
  return { userId: res.json().user.id, token: res.json().accessToken }
}

async function inbox(token: string) {
  const res = await s.get('notification').app.inject({ method: 'GET', url: '/api/notifications', headers: { authorization: `Bearer ${token}` } })
  expect(res.statusCode).toBe(200)
  return res.json() as { items: Array<{ template: string; subject: string; body: string; status: string }>; total: number }
}

describe('notification inbox', () => {
  it('when a customer registers, then their inbox shows the welcome and the verification code, newest first', async () => {
    const ivy = await register('ivy@example.com')
    const list = await eventually(async () => {
      const l = await inbox(ivy.token)
      return l.total === 2 ? l : undefined
    }, 5000, 'two messages')
    expect(list.items.map((n) => n.template).sort()).toEqual(['email_verification', 'welcome'])
    expect(list.items.find((n) => n.template === 'welcome')?.body).toContain('Hello Ivy')
    expect(list.items.find((n) => n.template === 'email_verification')?.body).toMatch(/\b\d{6}\b/)
  })

  it("a customer never sees another customer's messages", async () => {
    const a = await register('amy@example.com')
    const b = await register('ben@example.com')
    await eventually(async () => (await inbox(a.token)).total === 2 && (await inbox(b.token)).total === 2, 5000, 'both inboxes')
    expect((await inbox(a.token)).items.every((n) => !n.body.includes('Ben'))).toBe(true)
  })

  it('when the same message is delivered twice, then it is stored once', async () => {
    const cy = await register('cy@example.com')
    await eventually(async () => (await inbox(cy.token)).total === 2, 5000, 'first delivery')
    const [envelope] = await s.pglite
      .query<{ envelope: Record<string, unknown> }>(
        `SELECT envelope FROM identity.outbox WHERE type = 'user.registered' AND envelope->'payload'->>'userId' = $1`,
        [cy.userId],
      )
      .then((r) => r.rows.map((row) => row.envelope))
    await s.get('notification').consumer.handle(envelope as never)
    expect((await inbox(cy.token)).total).toBe(2)
  })

  it('without a token, the inbox is 401 problem+json', async () => {
    const res = await s.get('notification').app.inject({ method: 'GET', url: '/api/notifications' })
    expect(res.statusCode).toBe(401)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
  })
})
