/**
 * Helpers for inventory's tests: HTTP through `inject`, messages through the consumer, and
 * what inventory sent read back from its outbox. Structural types keep this file free of
 * imports from test/ (it sits under src/).
 */
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid'
import type { Envelope } from '../../contracts/message.ts'
import type { MessageType, PayloadOf } from '../../contracts/messages.ts'
import { type InventoryDeps, inventoryDeps } from './inventory.deps.ts'
import { envelope, type Running, type Reply } from '../../platform/service.test-kit.ts'

export interface Services {
  get(name: 'identity' | 'inventory'): Running
  pglite: { query<T>(query: string, params?: unknown[]): Promise<{ rows: T[] }> }
}

/** The admin the tests start identity with (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const TEST_ADMIN = { email: 'stock.admin@example.com', password: 'St0ckAdmin!' }
export const ADMIN_ENV = { ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password }

let counter = 0
/** A sku no other test uses. */
export function uniqueSku(label = 'SKU'): string {
  counter += 1
  return `${label}-${process.pid}-${Date.now().toString(36)}-${counter}`.toUpperCase()
}

export function newOrderId(): string {
  return uuidv7()
}

/** Delivers a message to inventory as the bus would, with a fresh message id. */
export async function send<T extends MessageType>(s: Services, type: T, payload: PayloadOf<T>): Promise<Envelope> {
  const e = envelope(type, payload)
  await s.get('inventory').consumer.handle(e)
  return e
}

/** A product.created / product.updated payload whose variants have these skus and opening stock. */
export function productPayload(variants: Array<{ sku: string; initialStock?: number }>, productId: string = uuidv4()): PayloadOf<'product.created'> {
  return {
    productId,
    slug: `product-${productId}`,
    name: 'Test product',
    status: 'active',
    variants: variants.map((v) => ({
      variantId: uuidv4(),
      sku: v.sku,
      title: v.sku,
      price: { amount: 1999, currency: 'USD' },
      weightGrams: 100,
      ...(v.initialStock !== undefined ? { initialStock: v.initialStock } : {}),
    })),
  }
}

/** Creates stock levels through product.created, as the catalog would. */
export async function stockUp(s: Services, stock: Record<string, number>): Promise<void> {
  await send(s, 'product.created', productPayload(Object.entries(stock).map(([sku, initialStock]) => ({ sku, initialStock }))))
}

export function deps(s: Services): InventoryDeps {
  return inventoryDeps(s.get('inventory').ctx)
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

export async function call(s: Services, method: Method, url: string, options: { token?: string; body?: unknown } = {}): Promise<Reply> {
  const res = await s.get('inventory').app.inject({
    method,
    url,
    ...(options.token ? { headers: { authorization: `Bearer ${options.token}` } } : {}),
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

export function customerToken(s: Services): Promise<string> {
  const email = `shopper.${process.pid}.${Date.now()}.${(counter += 1)}@example.com`
  return identityToken(s, '/api/auth/register', { email, password: 'Sh0pperPass', firstName: 'Sam', lastName: 'Shopper' }, 201)
}

export interface LevelView {
  sku: string
  onHand: number
  reserved: number
  available: number
  lowStockThreshold: number
  updatedAt: string
}

export async function levelOf(s: Services, token: string, sku: string): Promise<LevelView | undefined> {
  const res = await call(s, 'GET', `/api/inventory?q=${encodeURIComponent(sku)}&pageSize=100`, { token })
  return res.json<{ items: LevelView[] }>().items.find((l) => l.sku === sku)
}

/** The payloads inventory has put in its outbox with this type, oldest first, optionally only those matching. */
export async function sent<T extends MessageType>(s: Services, type: T, match: Partial<Record<string, string>> = {}): Promise<Array<PayloadOf<T>>> {
  const { rows } = await s.pglite.query<{ envelope: Envelope }>(`SELECT envelope FROM inventory.outbox WHERE type = $1 ORDER BY seq`, [type])
  return rows
    .map((r) => r.envelope.payload as PayloadOf<T> & Record<string, unknown>)
    .filter((p) => Object.entries(match).every(([k, v]) => p[k] === v))
}

/** Sums of the sku's ledger, to hold against its level. */
export async function ledgerOf(s: Services, sku: string): Promise<{ onHand: number; reserved: number; rows: number }> {
  const { rows } = await s.pglite.query<{ onHand: number; reserved: number; rows: number }>(
    `SELECT coalesce(sum(delta), 0)::int AS "onHand", coalesce(sum(reserved_delta), 0)::int AS reserved, count(*)::int AS rows
     FROM inventory.movements WHERE sku = $1`,
    [sku],
  )
  return rows[0] ?? { onHand: 0, reserved: 0, rows: 0 }
}

export { envelope, type Running, type Reply }
