/**
 * Helpers for notification's tests: messages built as the bus carries them, HTTP through
 * `inject`, and what notification stored read back from its tables. Structural types keep this
 * file free of imports from test/ (it sits under src/).
 */
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid'
import type { Envelope } from '../../contracts/message.ts'
import type { MessageType, PayloadOf } from '../../contracts/messages.ts'
import type { App } from '../../platform/http.ts'
import { envelope, type Reply } from '../../platform/service.test-kit.ts'

export interface Running {
  app: App
  consumer: { handle(envelope: Envelope): Promise<void> }
}

export interface Services {
  get(name: 'identity' | 'notification'): Running
  pglite: { query<T>(query: string, params?: unknown[]): Promise<{ rows: T[] }> }
}

/** The admin the tests start identity with (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const TEST_ADMIN = { email: 'mail.admin@example.com', password: 'Ma1lAdmin!' }
export const ADMIN_ENV = { ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password }

let counter = 0
/** An address no other test uses. */
export function uniqueEmail(label = 'customer'): string {
  counter += 1
  return `${label}.${process.pid}.${Date.now().toString(36)}.${counter}@example.com`
}

/** Delivers a message to notification as the bus would, with a fresh message id. */
export async function send<T extends MessageType>(s: Services, type: T, payload: PayloadOf<T>): Promise<Envelope> {
  const e = envelope(type, payload)
  await s.get('notification').consumer.handle(e)
  return e
}

export interface Customer {
  customerId: string
  email: string
}

export function newCustomer(): Customer {
  return { customerId: uuidv4(), email: uniqueEmail() }
}

const usd = (amount: number) => ({ amount, currency: 'USD' })

export function orderRef(customer: Customer, number = `EMP-${100000 + (counter += 1)}`) {
  return { orderId: uuidv7(), number, ...customer }
}

export const MUG = { variantId: uuidv4(), productId: uuidv4(), sku: 'MUG-BLUE', name: 'Blue Mug', quantity: 2, unitPrice: usd(1250) }
export const TEE = { variantId: uuidv4(), productId: uuidv4(), sku: 'TEE-M', name: 'Logo Tee', quantity: 1, unitPrice: usd(1999) }

export function confirmedPayload(ref: ReturnType<typeof orderRef>): PayloadOf<'order.confirmed'> {
  return {
    ...ref,
    lines: [MUG, TEE],
    subtotal: usd(4499),
    shippingTotal: usd(599),
    total: usd(5098),
    shippingMethod: { id: uuidv4(), name: 'Standard (3-5 days)' },
    shippingAddress: { fullName: 'Ada Lovelace', line1: '12 Analytical Row', line2: 'Flat 3', city: 'London', region: null, postalCode: 'N1 9GU', country: 'GB', phone: '+44 20 7946 0000' },
  }
}

export function cancelledPayload(
  ref: ReturnType<typeof orderRef>,
  reason: PayloadOf<'order.cancelled'>['reason'],
  extra: Partial<PayloadOf<'order.cancelled'>> = {},
): PayloadOf<'order.cancelled'> {
  return { ...ref, reason, previousStatus: 'pending', lines: [MUG], total: usd(3099), ...extra }
}

export function shippedPayload(ref: ReturnType<typeof orderRef>): PayloadOf<'order.shipped'> {
  return { ...ref, shipmentId: uuidv7(), trackingNumber: '1Z999AA10123456784', carrier: 'UPS' }
}

export function deliveredPayload(ref: ReturnType<typeof orderRef>): PayloadOf<'order.delivered'> {
  return { ...ref, lines: [MUG, TEE], deliveredAt: '2025-03-04T10:00:00.000Z' }
}

export function refundedPayload(
  ref: ReturnType<typeof orderRef>,
  amount = 1250,
  refundedTotal = 1250,
  status: 'refunded' | 'partially_refunded' = 'partially_refunded',
): PayloadOf<'payment.refunded'> {
  return {
    orderId: ref.orderId,
    paymentId: uuidv7(),
    customerId: ref.customerId,
    email: ref.email,
    refundId: uuidv7(),
    amount: usd(amount),
    refundedTotal: usd(refundedTotal),
    status,
  }
}

export function adminRegistered(firstName = 'Alex'): PayloadOf<'user.registered'> {
  return { userId: uuidv7(), email: uniqueEmail('admin'), firstName, lastName: 'Admin', role: 'admin' }
}

export interface StoredRow {
  id: string
  template: string
  recipient: string
  user_id: string | null
  subject: string
  body: string
  status: string
  attempts: number
  last_error: string | null
}

/** What notification stored for one consumed message, by recipient. */
export async function storedFor(s: Services, sourceMessageId: string): Promise<StoredRow[]> {
  const { rows } = await s.pglite.query<StoredRow>(
    `SELECT id, template, recipient, user_id, subject, body, status, attempts, last_error
     FROM notification.notifications WHERE source_message_id = $1 ORDER BY recipient`,
    [sourceMessageId],
  )
  return rows
}

type Method = 'GET' | 'POST'

export async function call(s: Services, method: Method, url: string, options: { token?: string } = {}): Promise<Reply> {
  const res = await s.get('notification').app.inject({
    method,
    url,
    ...(options.token ? { headers: { authorization: `Bearer ${options.token}` } } : {}),
  })
  return res as unknown as Reply
}

async function identityAuth(s: Services, url: string, body: Record<string, unknown>, expected: number): Promise<{ userId: string; token: string }> {
  const res = await s.get('identity').app.inject({ method: 'POST', url, payload: body })
  if (res.statusCode !== expected) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`)
  const json = res.json<{ accessToken: string; user: { id: string } }>()
  return { userId: json.user.id, token: json.accessToken }
}

export function loginAdmin(s: Services): Promise<{ userId: string; token: string }> {
  return identityAuth(s, '/api/auth/login', TEST_ADMIN, 200)
}

/** A customer signs up through identity: their welcome and verification code follow on the bus. */
export async function registerCustomer(s: Services, email = uniqueEmail()): Promise<{ userId: string; token: string; email: string }> {
  const auth = await identityAuth(s, '/api/auth/register', { email, password: 'Cust0merPass', firstName: 'Cora', lastName: 'Customer' }, 201)
  return { ...auth, email }
}

export { envelope, type Reply }
