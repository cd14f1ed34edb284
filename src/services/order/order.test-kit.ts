/**
 * Helpers for ordering's tests: HTTP through `inject`, saga news delivered through the consumer
 * as the bus would, and what ordering sent read back from its outbox. Structural types keep
 * this file free of imports from test/ (it sits under src/).
 */
import { randomUUID } from 'node:crypto'
import { v4 as uuidv4 } from 'uuid'
import type { Envelope } from '../../contracts/message.ts'
import type { MessageType, PayloadOf } from '../../contracts/messages.ts'
import type { StandInLine, StandIns } from './order.fixtures.ts'
import { STANDARD_SHIPPING } from './order.fixtures.ts'
import { type OrderDeps, orderDeps } from './order.deps.ts'
import { envelope, type Running, type Reply } from '../../platform/service.test-kit.ts'

export interface Services {
  get(name: 'identity' | 'order'): Running
  pglite: { query<T>(query: string, params?: unknown[]): Promise<{ rows: T[] }> }
}

/** The admin the tests start identity with (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const TEST_ADMIN = { email: 'orders.admin@example.com', password: 'OrdersAdmin1!' }
export const ADMIN_ENV = { ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password }
/** Background sweeping out of the way: tests sweep when they mean to. */
export const QUIET_SWEEPER = { ORDER_SWEEP_MS: '3600000' }

/** The environment ordering's service tests start identity and order with: the admin, a quiet sweeper, the stand-ins' URLs. */
export function orderTestEnv(standIns: Pick<StandIns, 'env'>): Record<string, string> {
  return { ...ADMIN_ENV, ...QUIET_SWEEPER, ...standIns.env }
}

export const ADDRESS = { fullName: 'Ada Lovelace', line1: '12 Analytical Row', city: 'Portland', region: 'OR', postalCode: '97205', country: 'us' }
export const CARD = { method: 'card', cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' }

let counter = 0

export interface Customer {
  id: string
  email: string
  token: string
}

async function tokens(s: Services, url: string, body: Record<string, unknown>, expected: number): Promise<{ accessToken: string; user: { id: string; email: string } }> {
  const res = await s.get('identity').app.inject({ method: 'POST', url, payload: body })
  if (res.statusCode !== expected) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`)
  return res.json()
}

export async function adminToken(s: Services): Promise<string> {
  return (await tokens(s, '/api/auth/login', TEST_ADMIN, 200)).accessToken
}

export async function newCustomer(s: Services): Promise<Customer> {
  counter += 1
  const email = `buyer.${process.pid}.${Date.now()}.${counter}@example.com`
  const t = await tokens(s, '/api/auth/register', { email, password: 'Sh0pperPass', firstName: 'Bea', lastName: 'Buyer' }, 201)
  return { id: t.user.id, email, token: t.accessToken }
}

/** A cart line of a fresh product at this price. */
export function line(unitPrice: number, quantity = 1, overrides: Partial<StandInLine> = {}): StandInLine {
  counter += 1
  return {
    variantId: uuidv4(),
    productId: uuidv4(),
    sku: `SKU-${process.pid}-${counter}`,
    name: `Product ${counter}`,
    unitPrice: { amount: unitPrice, currency: 'USD' },
    quantity,
    ...overrides,
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

export async function call(
  s: Services,
  method: Method,
  url: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const res = await s.get('order').app.inject({
    method,
    url,
    headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
    ...(options.body !== undefined ? { payload: options.body as Record<string, unknown> } : {}),
  })
  return res as unknown as Reply
}

export function checkoutBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { shippingAddress: ADDRESS, shippingMethodId: STANDARD_SHIPPING.methodId, payment: CARD, ...overrides }
}

/** POST /api/orders with a fresh Idempotency-Key unless one is given. */
export function place(s: Services, token: string, body: Record<string, unknown> = checkoutBody(), key: string = randomUUID()): Promise<Reply> {
  return call(s, 'POST', '/api/orders', { token, body, headers: { 'idempotency-key': key } })
}

export interface OrderView {
  id: string
  number: string
  status: string
  cancellationReason: string | null
  cancellationDetail: string | null
  customerId: string
  email: string
  items: Array<{ variantId: string; productId: string; sku: string; name: string; unitPrice: { amount: number }; quantity: number; lineTotal: { amount: number } }>
  subtotal: { amount: number; currency: string }
  shippingTotal: { amount: number; currency: string }
  total: { amount: number; currency: string }
  payment: { status: string; brand: string | null; last4: string | null; refunded: { amount: number } }
  history: Array<{ status: string; at: string }>
  returns: Array<{ id: string; status: string }>
  deliveredAt: string | null
  returnableUntil: string | null
}

/** Puts lines in the customer's cart at the stand-in and places the order; throws unless 202. */
export async function placeOrder(s: Services, standIns: StandIns, customer: Customer, lines: StandInLine[] = [line(1000, 2)]): Promise<OrderView> {
  standIns.carts.set(customer.id, lines)
  const res = await place(s, customer.token)
  if (res.statusCode !== 202) throw new Error(`POST /api/orders answered ${res.statusCode}: ${res.body}`)
  return res.json<OrderView>()
}

export async function orderOf(s: Services, token: string, id: string): Promise<OrderView> {
  const res = await call(s, 'GET', `/api/orders/${id}`, { token })
  if (res.statusCode !== 200) throw new Error(`GET /api/orders/${id} answered ${res.statusCode}: ${res.body}`)
  return res.json<OrderView>()
}

/** Delivers a message to ordering as the bus would, with a fresh message id. */
export async function send<T extends MessageType>(s: Services, type: T, payload: PayloadOf<T>): Promise<Envelope> {
  const e = envelope(type, payload)
  await s.get('order').consumer.handle(e)
  return e
}

/** The payloads ordering has put in its outbox with this type for this order, oldest first. */
export async function sent<T extends MessageType>(s: Services, type: T, orderId: string): Promise<Array<PayloadOf<T>>> {
  const { rows } = await s.pglite.query<{ envelope: Envelope }>(
    `SELECT envelope FROM ordering.outbox WHERE type = $1 AND envelope->'payload'->>'orderId' = $2 ORDER BY seq`,
    [type, orderId],
  )
  return rows.map((r) => r.envelope.payload as PayloadOf<T>)
}

/** How many messages of each type ordering sent about this order. */
export async function sentTypes(s: Services, orderId: string): Promise<Record<string, number>> {
  const { rows } = await s.pglite.query<{ type: string; n: number }>(
    `SELECT type, count(*)::int AS n FROM ordering.outbox WHERE envelope->'payload'->>'orderId' = $1 GROUP BY type ORDER BY type`,
    [orderId],
  )
  return Object.fromEntries(rows.map((r) => [r.type, r.n]))
}

export function deps(s: Services): OrderDeps {
  return orderDeps(s.get('order').ctx)
}

// --- The saga's news, as inventory, payment and shipping would send it ---

export function reserved(s: Services, order: OrderView) {
  return send(s, 'inventory.reserved', {
    orderId: order.id,
    lines: order.items.map((i) => ({ sku: i.sku, quantity: i.quantity })),
    expiresAt: new Date(Date.now() + 120_000).toISOString(),
  })
}

const paymentRef = (order: OrderView, paymentId: string) => ({ orderId: order.id, paymentId, customerId: order.customerId, email: order.email })

export const PAYMENT_ID = '0195f7a0-0000-7000-8000-00000000aaaa'

export function authorized(s: Services, order: OrderView, paymentId = PAYMENT_ID) {
  return send(s, 'payment.authorized', { ...paymentRef(order, paymentId), amount: order.total, provider: 'simulator' })
}

export function paymentFailed(s: Services, order: OrderView, reason: PayloadOf<'payment.failed'>['reason'] = 'declined', message = 'Your card was declined.') {
  return send(s, 'payment.failed', { ...paymentRef(order, PAYMENT_ID), reason, message })
}

export function captured(s: Services, order: OrderView) {
  return send(s, 'payment.captured', { ...paymentRef(order, PAYMENT_ID), amount: order.total })
}

export function committed(s: Services, order: OrderView) {
  return send(s, 'inventory.committed', { orderId: order.id, lines: order.items.map((i) => ({ sku: i.sku, quantity: i.quantity })) })
}

const shipment = (order: OrderView) => ({ shipmentId: uuidv4(), orderId: order.id, trackingNumber: '1Z999', carrier: 'UPS' })

export function shipped(s: Services, order: OrderView) {
  return send(s, 'shipment.shipped', { ...shipment(order), shippedAt: new Date().toISOString() })
}

export function delivered(s: Services, order: OrderView, deliveredAt = new Date()) {
  return send(s, 'shipment.delivered', { ...shipment(order), deliveredAt: deliveredAt.toISOString() })
}

/** Carries a pending order through the saga: reserved, authorized, committed and captured. */
export async function confirm(s: Services, order: OrderView): Promise<void> {
  await reserved(s, order)
  await authorized(s, order)
  await committed(s, order)
  await captured(s, order)
}

/** Confirms, ships and delivers the order (delivered at the given time). */
export async function deliver(s: Services, order: OrderView, deliveredAt = new Date()): Promise<void> {
  await confirm(s, order)
  await shipped(s, order)
  await delivered(s, order, deliveredAt)
}

export { envelope, type Running, type Reply }
