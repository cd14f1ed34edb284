/**
 * Helpers for the catalog's tests: HTTP through `inject`, stock through the consumer. Structural
 * types keep this file free of imports from test/ (it sits under src/).
 */
import { v7 as uuidv7 } from 'uuid'
import type { Envelope } from '../../contracts/message.ts'
import type { App } from '../../platform/http.ts'
import { type Reply } from '../../platform/service.test-kit.ts'

export interface Running {
  app: App
  consumer: { handle(envelope: Envelope): Promise<void> }
}

export interface Services {
  get(name: 'identity' | 'catalog'): Running
}

/** The admin the tests start identity with (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const TEST_ADMIN = { email: 'catalog.admin@example.com', password: 'Cat4logAdmin!' }
export const ADMIN_ENV = { ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password }

let counter = 0
/** A word, sku or name part no other test uses. */
export function unique(label = 'x'): string {
  counter += 1
  return `${label}${process.pid.toString(36)}${Date.now().toString(36)}${counter}`.toLowerCase()
}
export function uniqueSku(label = 'SKU'): string {
  return `${label}-${unique()}`.toUpperCase()
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

export async function call(
  s: Services,
  method: Method,
  url: string,
  options: { token?: string | undefined; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers = { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers }
  const res = await s.get('catalog').app.inject({
    method,
    url,
    headers,
    ...(options.body !== undefined ? { payload: options.body as Record<string, unknown> } : {}),
  })
  return res as unknown as Reply
}

/** The body of a 2xx answer; anything else fails the test with the answer in the message. */
export async function ok<T = Record<string, unknown>>(reply: Promise<Reply> | Reply, status?: number): Promise<T> {
  const res = await reply
  if (res.statusCode >= 300 || (status !== undefined && res.statusCode !== status)) {
    throw new Error(`expected ${status ?? '2xx'}, got ${res.statusCode}: ${res.body}`)
  }
  return res.body ? res.json<T>() : (undefined as T)
}

async function identityCall(s: Services, url: string, payload: Record<string, unknown>): Promise<Reply> {
  return (await s.get('identity').app.inject({ method: 'POST', url, payload })) as unknown as Reply
}

export async function adminToken(s: Services): Promise<string> {
  const res = await identityCall(s, '/api/auth/login', TEST_ADMIN)
  if (res.statusCode !== 200) throw new Error(`admin login answered ${res.statusCode}: ${res.body}`)
  return res.json<{ accessToken: string }>().accessToken
}

export async function customer(s: Services): Promise<{ id: string; token: string }> {
  const res = await identityCall(s, '/api/auth/register', {
    email: `${unique('shopper')}@example.com`,
    password: 'Sh0pperPass',
    firstName: 'Sam',
    lastName: 'Shopper',
  })
  if (res.statusCode !== 201) throw new Error(`register answered ${res.statusCode}: ${res.body}`)
  const body = res.json<{ user: { id: string }; accessToken: string }>()
  return { id: body.user.id, token: body.accessToken }
}

export interface VariantOut {
  id: string
  sku: string
  title: string
  options: Record<string, string>
  price: { amount: number; currency: string }
  compareAtPrice?: { amount: number; currency: string }
  weightGrams: number
  available: number
}
export interface ProductOut {
  id: string
  slug: string
  name: string
  brand: string | null
  description: string
  categoryId: string | null
  status: string
  options: Array<{ name: string; values: string[] }>
  images: Array<{ url: string; alt: string; position: number }>
  variants: VariantOut[]
  rating: { average: number; count: number }
  createdAt: string
  deletedAt: string | null
}
export interface ListOut {
  items: ProductOut[]
  total: number
  page: number
  pageSize: number
  facets: {
    categories: Array<{ id: string; name: string; count: number }>
    brands: Array<{ name: string; count: number }>
    price: { min: { amount: number; currency: string }; max: { amount: number; currency: string } } | null
  }
  correctedQuery?: string
}

/** A plain, active product with one variant; anything can be overridden. */
export function productBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `Product ${unique()}`,
    description: 'A thing to buy.',
    status: 'active',
    variants: [{ sku: uniqueSku(), options: {}, price: { amount: 1000, currency: 'USD' }, weightGrams: 100 }],
    ...overrides,
  }
}

export function variant(price: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { sku: uniqueSku(), options: {}, price: { amount: price, currency: 'USD' }, weightGrams: 100, ...overrides }
}

export async function createProduct(s: Services, token: string, overrides: Record<string, unknown> = {}): Promise<ProductOut> {
  return ok<ProductOut>(call(s, 'POST', '/api/products', { token, body: productBody(overrides) }), 201)
}

export async function createCategory(s: Services, token: string, body: Record<string, unknown>): Promise<{ id: string; slug: string; name: string }> {
  return ok(call(s, 'POST', '/api/categories', { token, body }), 201)
}

export async function list(s: Services, query: string, token?: string): Promise<ListOut> {
  return ok<ListOut>(call(s, 'GET', `/api/products?${query}`, { token }))
}

export function inventoryChanged(sku: string, available: number, version: number): Envelope {
  return {
    id: uuidv7(),
    type: 'inventory.changed',
    occurredAt: new Date().toISOString(),
    source: 'test',
    correlationId: 't',
    causationId: null,
    traceparent: null,
    payload: { sku, onHand: available, reserved: 0, available, version },
  }
}

/** Tells the catalog a sku's availability, as inventory would. */
export async function stock(s: Services, sku: string, available: number, version: number): Promise<void> {
  await s.get('catalog').consumer.handle(inventoryChanged(sku, available, version))
}

export { type Reply }
