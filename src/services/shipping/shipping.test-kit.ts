/**
 * Helpers for shipping's tests: HTTP through `inject`, messages through the consumer, and what
 * shipping sent read back from its outbox. Structural types keep this file free of imports from
 * test/ (it sits under src/).
 */
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid'
import type { Envelope } from '../../contracts/message.ts'
import type { MessageType, PayloadOf } from '../../contracts/messages.ts'
import { envelope, type Running, type Reply } from '../../platform/service.test-kit.ts'

export interface Services {
  get(name: 'identity' | 'shipping'): Running
}

export interface ServicesWithDb extends Services {
  pglite: { query<T>(query: string, params?: unknown[]): Promise<{ rows: T[] }> }
}

/** The admin the tests start identity with (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const TEST_ADMIN = { email: 'ship.admin@example.com', password: 'Sh1pAdmin!' }
export const ADMIN_ENV = { ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password }

let counter = 0
function next(): number {
  counter += 1
  return counter
}

/** Delivers a message to shipping as the bus would, with a fresh message id. */
export async function send<T extends MessageType>(s: Services, type: T, payload: PayloadOf<T>, occurredAt?: Date): Promise<Envelope> {
  const e = envelope(type, payload, { occurredAt })
  await s.get('shipping').consumer.handle(e)
  return e
}

export interface VariantSpec {
  price: number
  weightGrams: number
  variantId?: string
}

/** A product.created / product.updated payload with these variants (price in USD minor units). */
export function productPayload(specs: VariantSpec[], productId: string = uuidv4()): PayloadOf<'product.created'> {
  return {
    productId,
    slug: `product-${productId}`,
    name: 'Test product',
    status: 'active',
    variants: specs.map((v, i) => ({
      variantId: v.variantId ?? uuidv4(),
      sku: `SHIP-${next()}-${i}`,
      title: `Variant ${i}`,
      price: { amount: v.price, currency: 'USD' },
      weightGrams: v.weightGrams,
    })),
  }
}

/** Makes variants known to shipping through product.created, as the catalog would; returns their ids. */
export async function catalogHas(s: Services, ...specs: VariantSpec[]): Promise<string[]> {
  const payload = productPayload(specs)
  await send(s, 'product.created', payload)
  return payload.variants.map((v) => v.variantId)
}

export const ADDRESS = {
  fullName: 'Sam Shopper',
  line1: '1 Main Street',
  city: 'Springfield',
  postalCode: '62701',
  country: 'US',
}

export interface OrderRef {
  orderId: string
  number: string
  customerId: string
  email: string
}

/** An order.confirmed for this customer and shipping method, as the order service would send it. */
export function confirmedPayload(customerId: string, shippingMethodId: string, orderId: string = uuidv7()): PayloadOf<'order.confirmed'> {
  const line = { variantId: uuidv4(), productId: uuidv4(), sku: 'SKU-1', name: 'Mug', quantity: 1, unitPrice: { amount: 1500, currency: 'USD' } }
  return {
    orderId,
    number: `EMP-${String(next()).padStart(6, '0')}`,
    customerId,
    email: 'sam@example.com',
    lines: [line],
    subtotal: { amount: 1500, currency: 'USD' },
    shippingTotal: { amount: 499, currency: 'USD' },
    total: { amount: 1999, currency: 'USD' },
    shippingMethod: { id: shippingMethodId, name: 'Standard' },
    shippingAddress: ADDRESS,
  }
}

export async function confirmOrder(s: Services, customerId: string, shippingMethodId: string): Promise<OrderRef> {
  const payload = confirmedPayload(customerId, shippingMethodId)
  await send(s, 'order.confirmed', payload)
  return { orderId: payload.orderId, number: payload.number, customerId, email: payload.email }
}

export async function cancelOrder(s: Services, order: OrderRef, previousStatus: 'pending' | 'confirmed' = 'confirmed'): Promise<void> {
  const line = { variantId: uuidv4(), productId: uuidv4(), sku: 'SKU-1', name: 'Mug', quantity: 1, unitPrice: { amount: 1500, currency: 'USD' } }
  await send(s, 'order.cancelled', { ...order, reason: 'customer_cancelled', previousStatus, lines: [line], total: { amount: 1999, currency: 'USD' } })
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

export async function call(
  s: Services,
  method: Method,
  url: string,
  options: { token?: string | undefined; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers = { ...options.headers, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) }
  const res = await s.get('shipping').app.inject({
    method,
    url,
    headers,
    ...(options.body !== undefined ? { payload: options.body as Record<string, unknown> } : {}),
  })
  return res as unknown as Reply
}

async function identityToken(s: Services, url: string, body: Record<string, unknown>, expected: number): Promise<string> {
  const res = await s.get('identity').app.inject({ method: 'POST', url, payload: body })
  if (res.statusCode !== expected) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`)
  return res.json<{ accessToken: string }>().accessToken
}

export function adminToken(s: Services): Promise<string> {
  return identityToken(s, '/api/auth/login', TEST_ADMIN, 200)
}

/** A new customer: their token and their user id (the order events' customerId). */
export async function newCustomer(s: Services): Promise<{ token: string; id: string }> {
  const email = `shipper.${process.pid}.${Date.now()}.${next()}@example.com`
  const token = await identityToken(s, '/api/auth/register', { email, password: 'Sh0pperPass', firstName: 'Sam', lastName: 'Shopper' }, 201)
  const me = await s.get('identity').app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } })
  return { token, id: me.json<{ id: string }>().id }
}

const usd = (amount: number) => ({ amount, currency: 'USD' })

/** A valid method body; each call a new name. */
export function methodBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `Courier ${next()}`,
    carrier: 'DHL',
    estimatedDays: { min: 2, max: 4 },
    rates: [
      { zone: 'Home', countries: ['US'], base: usd(500), perKg: usd(100), freeOver: usd(10_000) },
      { zone: 'World', countries: ['*'], base: usd(2000), perKg: usd(800), estimatedDays: { min: 5, max: 12 } },
    ],
    ...overrides,
  }
}

export interface MethodView {
  id: string
  name: string
  carrier: string
  active?: boolean
  estimatedDays: { min: number; max: number }
  rates?: Array<{ zone: string; countries: string[]; base: { amount: number }; perKg: { amount: number }; freeOver: { amount: number } | null }>
}

export async function createMethod(s: Services, admin: string, overrides: Record<string, unknown> = {}): Promise<MethodView> {
  const res = await call(s, 'POST', '/api/shipping/methods', { token: admin, body: methodBody(overrides) })
  if (res.statusCode !== 201) throw new Error(`POST /api/shipping/methods answered ${res.statusCode}: ${res.body}`)
  return res.json<MethodView>()
}

export interface ShipmentView {
  id: string
  orderId: string
  orderNumber: string
  carrier: string
  trackingNumber: string
  status: string
  history: Array<{ status: string; at: string }>
  createdAt: string
}

/** The payloads shipping has put in its outbox with this type, oldest first, optionally only those matching. */
export async function sent<T extends MessageType>(s: ServicesWithDb, type: T, match: Partial<Record<string, string>> = {}): Promise<Array<PayloadOf<T>>> {
  const { rows } = await s.pglite.query<{ envelope: Envelope }>(`SELECT envelope FROM shipping.outbox WHERE type = $1 ORDER BY seq`, [type])
  return rows
    .map((r) => r.envelope.payload as PayloadOf<T> & Record<string, unknown>)
    .filter((p) => Object.entries(match).every(([k, v]) => p[k] === v))
}

export { envelope, type Running, type Reply }
