import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../../../test/support/eventually.ts'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { type SmtpSink, startSmtpSink } from '../../../test/support/smtp-sink.ts'
import { ADMIN_ENV, call, loginAdmin, registerCustomer } from './notification.test-kit.ts'

interface AdminItem {
  id: string
  template: string
  subject: string
  recipient: string
  userId: string | null
  status: string
  attempts: number
  lastError: string | null
  nextAttemptAt: string | null
  providerMessageId: string | null
  sentAt: string | null
}

let sink: SmtpSink
let s: TestServices
let admin: string

beforeAll(async () => {
  sink = await startSmtpSink()
  s = await startTestServices(['identity', 'notification'], {
    env: { ...ADMIN_ENV, SMTP_URL: sink.url, MAIL_RETRY_DELAYS_MS: '50,100', MAIL_MAX_ATTEMPTS: '3' },
  })
  admin = (await loginAdmin(s)).token
})
afterAll(async () => {
  await s?.stop()
  await sink?.close()
})

const RESET_SUBJECT = 'Reset your Emporium password'

function mailsTo(email: string, subject?: string) {
  return sink.received.filter((m) => m.to.includes(email) && (subject === undefined || m.subject === subject))
}

/** Nothing is waiting to go out: a test that makes the sink refuse knows which message it refuses. */
async function settled(): Promise<void> {
  await eventually(async () => {
    const { rows } = await s.pglite.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification.notifications WHERE status = 'pending'`)
    return rows[0]?.n === 0
  }, 10_000, 'no pending messages')
}

async function adminList(query: string): Promise<AdminItem[]> {
  const res = await call(s, 'GET', `/api/admin/notifications?${query}`, { token: admin })
  expect(res.statusCode).toBe(200)
  return res.json<{ items: AdminItem[] }>().items
}

/** A fresh customer whose welcome and verification code are out, then one password reset message. */
async function customerAskingForReset(): Promise<{ email: string; userId: string }> {
  const customer = await registerCustomer(s)
  await eventually(async () => mailsTo(customer.email).length === 2, 10_000, 'welcome and verification mails')
  await settled()
  return customer
}

async function askForReset(email: string): Promise<void> {
  const res = await s.get('identity').app.inject({ method: 'POST', url: '/api/auth/forgot-password', payload: { email } })
  expect(res.statusCode).toBe(202)
}

describe('delivery over SMTP', () => {
  it("when a customer registers, then their welcome arrives at the mail server addressed to them, and is marked sent with the server's id", async () => {
    const customer = await registerCustomer(s)
    const [welcome] = await eventually(async () => {
      const found = mailsTo(customer.email, 'Welcome to Emporium')
      return found.length > 0 ? found : undefined
    }, 10_000, 'the welcome at the sink')
    expect(welcome?.to).toEqual([customer.email])
    expect(welcome?.from).toBe('no-reply@emporium.local')
    expect(welcome?.raw).toContain('Hello Cora')

    const [row] = await eventually(async () => {
      const items = await adminList(`recipient=${encodeURIComponent(customer.email)}&template=welcome`)
      return items[0]?.status === 'sent' ? items : undefined
    }, 5000, 'the welcome marked sent')
    expect(row).toMatchObject({ userId: customer.userId, attempts: 1, lastError: null, nextAttemptAt: null })
    expect(row?.providerMessageId).toBeTruthy()
    expect(mailsTo(customer.email, 'Welcome to Emporium')).toHaveLength(1)
  })

  it('when the mail server refuses once, then the message is retried and arrives exactly once', async () => {
    const customer = await customerAskingForReset()
    sink.refuseNext(1)
    await askForReset(customer.email)

    const [row] = await eventually(async () => {
      const items = await adminList(`recipient=${encodeURIComponent(customer.email)}&template=password_reset`)
      return items[0]?.status === 'sent' ? items : undefined
    }, 10_000, 'the reset mail sent after a retry')
    expect(row?.attempts).toBe(2)
    expect(row?.lastError).toMatch(/try again later/i)
    expect(mailsTo(customer.email, RESET_SUBJECT)).toHaveLength(1)
  })

  it('when the mail server refuses every attempt, then the message fails, admins see why, and a retry after the server recovers delivers it', async () => {
    const customer = await customerAskingForReset()
    sink.refuseNext(1_000)
    await askForReset(customer.email)

    const [failed] = await eventually(async () => {
      const items = await adminList(`status=failed&recipient=${encodeURIComponent(customer.email)}`)
      return items.length > 0 ? items : undefined
    }, 10_000, 'the reset mail failed')
    sink.refuseNext(0)
    expect(failed).toMatchObject({ template: 'password_reset', recipient: customer.email, userId: customer.userId, attempts: 3, nextAttemptAt: null, sentAt: null })
    expect(failed?.lastError).toMatch(/try again later/i)
    expect(mailsTo(customer.email, RESET_SUBJECT)).toHaveLength(0)

    const login = await s.get('identity').app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: customer.email, password: 'Cust0merPass' } })
    const customerToken = login.json<{ accessToken: string }>().accessToken
    const mine = await call(s, 'GET', '/api/notifications', { token: customerToken })
    expect(mine.json<{ items: Array<{ template: string; status: string }> }>().items.find((n) => n.template === 'password_reset')?.status).toBe('failed')

    const retried = await call(s, 'POST', `/api/admin/notifications/${failed?.id}/retry`, { token: admin })
    expect(retried.statusCode).toBe(200)
    expect(retried.json()).toMatchObject({ id: failed?.id, status: 'pending', attempts: 0 })

    await eventually(async () => mailsTo(customer.email, RESET_SUBJECT).length === 1, 10_000, 'the retried mail at the sink')
    const [sent] = await eventually(async () => {
      const items = await adminList(`recipient=${encodeURIComponent(customer.email)}&template=password_reset`)
      return items[0]?.status === 'sent' ? items : undefined
    }, 5000, 'the retried mail marked sent')
    expect(sent).toMatchObject({ id: failed?.id, attempts: 1 })

    const again = await call(s, 'POST', `/api/admin/notifications/${failed?.id}/retry`, { token: admin })
    expect(again.statusCode).toBe(409)
    expect(again.headers['content-type']).toContain('application/problem+json')
    expect(mailsTo(customer.email, RESET_SUBJECT)).toHaveLength(1)
  })

  it('when an admin retries a message that does not exist, then 404', async () => {
    const res = await call(s, 'POST', '/api/admin/notifications/0190a5d0-0000-7000-8000-000000000000/retry', { token: admin })
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toContain('application/problem+json')
  })

  it('admins can list every message with filters, newest first, paged', async () => {
    const customer = await registerCustomer(s)
    await eventually(async () => mailsTo(customer.email).length === 2, 10_000, 'both mails')
    await settled()
    const both = await adminList(`recipient=${encodeURIComponent(customer.email.toUpperCase())}`)
    expect(both.map((n) => n.template).sort()).toEqual(['email_verification', 'welcome'])
    const res = await call(s, 'GET', '/api/admin/notifications?status=sent&pageSize=1&page=2', { token: admin })
    const page = res.json<{ items: AdminItem[]; total: number; page: number; pageSize: number }>()
    expect(page).toMatchObject({ page: 2, pageSize: 1 })
    expect(page.items).toHaveLength(1)
    expect(page.total).toBeGreaterThanOrEqual(2)
    expect(await adminList(`recipient=${encodeURIComponent('%')}`)).toEqual([])
  })
})
