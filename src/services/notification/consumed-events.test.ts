import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../../../test/support/eventually.ts'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import {
  ADMIN_ENV,
  adminRegistered,
  call,
  cancelledPayload,
  confirmedPayload,
  deliveredPayload,
  loginAdmin,
  newCustomer,
  orderRef,
  refundedPayload,
  registerCustomer,
  send,
  shippedPayload,
  storedFor,
  TEST_ADMIN,
} from './notification.test-kit.ts'

let s: TestServices

beforeAll(async () => {
  s = await startTestServices(['identity', 'notification'], { env: ADMIN_ENV })
})
afterAll(() => s.stop())

interface InboxItem {
  template: string
  subject: string
  body: string
  status: string
  sentAt: string | null
}

async function inbox(token: string): Promise<InboxItem[]> {
  const res = await call(s, 'GET', '/api/notifications?pageSize=100', { token })
  expect(res.statusCode).toBe(200)
  return res.json<{ items: InboxItem[] }>().items
}

describe('order and payment messages reach the customer', () => {
  it('when an order is confirmed, then the customer finds the confirmation in their inbox, delivered', async () => {
    const cora = await registerCustomer(s)
    const ref = orderRef({ customerId: cora.userId, email: cora.email })
    await send(s, 'order.confirmed', confirmedPayload(ref))
    const item = await eventually(
      async () => (await inbox(cora.token)).find((n) => n.template === 'order_confirmed' && n.status === 'sent'),
      5000,
      'the confirmation, sent',
    )
    expect(item.subject).toContain(ref.number)
    expect(item.body).toContain('Total: $50.98')
    expect(item.sentAt).not.toBeNull()
  })

  it.each([
    ['order.confirmed', 'order_confirmed', confirmedPayload],
    ['order.cancelled', 'order_cancelled', (r: ReturnType<typeof orderRef>) => cancelledPayload(r, 'out_of_stock')],
    ['order.cancelled', 'payment_failed', (r: ReturnType<typeof orderRef>) => cancelledPayload(r, 'payment_declined', { detail: 'Card declined' })],
    ['order.shipped', 'order_shipped', shippedPayload],
    ['order.delivered', 'order_delivered', deliveredPayload],
  ] as const)('when %s arrives, then %s is stored once, for that customer at their address', async (type, template, build) => {
    const customer = newCustomer()
    const ref = orderRef(customer)
    const e = await send(s, type, build(ref) as never)
    const rows = await storedFor(s, e.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ template, recipient: customer.email, user_id: customer.customerId })
    expect(rows[0]?.subject).toContain(ref.number)
  })

  it('when a refund is made on an order notification has seen, then the customer gets payment_refunded naming the order number', async () => {
    const customer = newCustomer()
    const ref = orderRef(customer)
    await send(s, 'order.confirmed', confirmedPayload(ref))
    const e = await send(s, 'payment.refunded', refundedPayload(ref, 1250, 1250))
    const [row] = await storedFor(s, e.id)
    expect(row).toMatchObject({ template: 'payment_refunded', recipient: customer.email, user_id: customer.customerId })
    expect(row?.subject).toContain(ref.number)
    expect(row?.body).toContain('$12.50')
  })

  it('when a refund is made on an order notification has not seen, then the customer still gets it', async () => {
    const customer = newCustomer()
    const e = await send(s, 'payment.refunded', refundedPayload(orderRef(customer), 999, 999, 'refunded'))
    const [row] = await storedFor(s, e.id)
    expect(row).toMatchObject({ template: 'payment_refunded', recipient: customer.email })
    expect(row?.body).toContain('$9.99')
  })

  it('when the same message is delivered again, then nothing new is stored', async () => {
    const customer = newCustomer()
    const first = await send(s, 'order.shipped', shippedPayload(orderRef(customer)))
    await s.get('notification').consumer.handle(first)
    await s.get('notification').consumer.handle(first)
    expect(await storedFor(s, first.id)).toHaveLength(1)
  })
})

describe('low stock reaches every admin', () => {
  it('when stock runs low, then the start-up admin and every admin registered since get an alert, and no customer does', async () => {
    const startUpAdmin = await loginAdmin(s)
    const alex = adminRegistered('Alex')
    const blair = adminRegistered('Blair')
    await send(s, 'user.registered', alex)
    await send(s, 'user.registered', blair)
    const customer = await registerCustomer(s)

    const alert = await send(s, 'inventory.low_stock', { sku: 'MUG-BLUE', available: 2, threshold: 5 })
    const rows = await storedFor(s, alert.id)
    expect(rows.map((r) => r.recipient).sort()).toEqual([TEST_ADMIN.email, alex.email, blair.email].sort())
    expect(rows.every((r) => r.template === 'low_stock' && r.subject.includes('MUG-BLUE'))).toBe(true)
    expect(rows.find((r) => r.recipient === alex.email)).toMatchObject({ user_id: alex.userId })
    expect(rows.find((r) => r.recipient === alex.email)?.body).toContain('Hello Alex')
    expect(rows.some((r) => r.recipient === customer.email)).toBe(false)

    const alerts = await eventually(
      async () => (await inbox(startUpAdmin.token)).filter((n) => n.template === 'low_stock' && n.status === 'sent'),
      5000,
      "the alert in the start-up admin's inbox",
    )
    expect(alerts[0]?.body).toContain('2 available')
  })

  it('when the same low-stock message is delivered again, then no admin gets it twice', async () => {
    await send(s, 'user.registered', adminRegistered('Casey'))
    const alert = await send(s, 'inventory.low_stock', { sku: 'TEE-M', available: 0, threshold: 3 })
    const before = await storedFor(s, alert.id)
    expect(before.length).toBeGreaterThanOrEqual(2)
    await s.get('notification').consumer.handle(alert)
    expect(await storedFor(s, alert.id)).toHaveLength(before.length)
  })

  it('an admin registered twice (a replayed user.registered) is one recipient', async () => {
    const dana = adminRegistered('Dana')
    await send(s, 'user.registered', dana)
    await send(s, 'user.registered', dana)
    const alert = await send(s, 'inventory.low_stock', { sku: 'CAP-RED', available: 1, threshold: 2 })
    expect((await storedFor(s, alert.id)).filter((r) => r.recipient === dana.email)).toHaveLength(1)
  })
})
