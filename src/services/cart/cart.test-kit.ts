/**
 * Helpers for the cart's tests: HTTP through `inject`, catalog and inventory announcements and
 * order events delivered through the consumer. Structural types keep this file free of imports
 * from test/ (it sits under src/).
 */
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid'
import type { Envelope } from '../../contracts/message.ts'
import type { MessageType, PayloadOf } from '../../contracts/messages.ts'
import { envelope, type Running, type Reply } from '../../platform/service.test-kit.ts'

export interface Services {
  get(name: 'identity' | 'cart'): Running
  pglite: { query<T>(query: string, params?: unknown[]): Promise<{ rows: T[] }> }
}

export interface Money {
  amount: number
  currency: string
}

export interface CartItem {
  variantId: string
  productId: string
  sku: string
  name: string
  title: string
  slug: string
  unitPrice: Money
  quantity: number
  lineTotal: Money
  available: number
  weightGrams: number
  sellable: boolean
}

export interface Cart {
  id: string | null
  items: CartItem[]
  subtotal: Money
  itemCount: number
  currency: string
  updatedAt: string | null
  expiresAt: string | null
}

let counter = 0
function unique(label: string): string {
  counter += 1
  return `${label}-${process.pid}-${Date.now().toString(36)}-${counter}`.toUpperCase()
}

/** Delivers a message to the cart service as the bus would, with a fresh message id. */
export async function send<T extends MessageType>(s: Services, type: T, payload: PayloadOf<T>, occurredAt?: Date): Promise<Envelope> {
  const e = envelope(type, payload, { occurredAt })
  await s.get('cart').consumer.handle(e)
  return e
}

export interface TestVariant {
  variantId: string
  sku: string
  title: string
  price: Money
  weightGrams: number
}

export interface TestProduct {
  productId: string
  name: string
  slug: string
  status: 'draft' | 'active' | 'archived'
  variants: TestVariant[]
}

/** A product with `prices.length` variants at these prices (minor units), not yet announced. */
export function newProduct(prices: number[] = [1999], status: TestProduct['status'] = 'active'): TestProduct {
  const productId = uuidv4()
  const name = unique('Product')
  return {
    productId,
    name,
    slug: name.toLowerCase(),
    status,
    variants: prices.map((amount, i) => ({ variantId: uuidv4(), sku: unique(`SKU${i}`), title: `Variant ${i + 1}`, price: { amount, currency: 'USD' }, weightGrams: 250 + i })),
  }
}

export function snapshotOf(p: TestProduct): PayloadOf<'product.created'> {
  return { productId: p.productId, slug: p.slug, name: p.name, status: p.status, variants: p.variants }
}

let stockVersion = 1
/** Inventory's figure for a sku, with a version above every earlier one this kit sent. */
export async function setAvailable(s: Services, sku: string, available: number): Promise<void> {
  stockVersion += 1
  await send(s, 'inventory.changed', { sku, onHand: available, reserved: 0, available, version: stockVersion })
}

/** Announces a product as the catalog would, and each variant's availability as inventory would. */
export async function listProduct(s: Services, available: number | number[] = 10, prices: number[] = [1999]): Promise<TestProduct> {
  const product = newProduct(prices)
  await send(s, 'product.created', snapshotOf(product))
  for (const [i, v] of product.variants.entries()) await setAvailable(s, v.sku, Array.isArray(available) ? (available[i] ?? 0) : available)
  return product
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

export interface CallOptions {
  token?: string
  cartId?: string
  body?: unknown
  headers?: Record<string, string>
}

export async function call(s: Services, method: Method, url: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.cartId !== undefined) headers['x-cart-id'] = options.cartId
  const res = await s.get('cart').app.inject({
    method,
    url,
    headers,
    ...(options.body !== undefined ? { payload: options.body as Record<string, unknown> } : {}),
  })
  return res as unknown as Reply
}

/** A call that must answer `status`; its JSON body. */
export async function expectCart(s: Services, method: Method, url: string, options: CallOptions = {}, status = 200): Promise<Cart> {
  const res = await call(s, method, url, options)
  if (res.statusCode !== status) throw new Error(`${method} ${url} answered ${res.statusCode}, expected ${status}: ${res.body}`)
  return res.json<Cart>()
}

export interface Customer {
  id: string
  token: string
}

export async function newCustomer(s: Services): Promise<Customer> {
  counter += 1
  const email = `cart.shopper.${process.pid}.${Date.now()}.${counter}@example.com`
  const res = await s.get('identity').app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: { email, password: 'Sh0pperPass', firstName: 'Cam', lastName: 'Cart' },
  })
  if (res.statusCode !== 201) throw new Error(`register answered ${res.statusCode}: ${res.body}`)
  const body = res.json<{ user: { id: string }; accessToken: string }>()
  return { id: body.user.id, token: body.accessToken }
}

/** The quantity per variant of a cart, for comparing. */
export function quantities(cart: Cart): Record<string, number> {
  return Object.fromEntries(cart.items.map((i) => [i.variantId, i.quantity]))
}

export function orderLines(lines: Array<{ variant: TestVariant; productId: string; quantity: number }>): PayloadOf<'order.confirmed'>['lines'] {
  return lines.map((l) => ({ variantId: l.variant.variantId, productId: l.productId, sku: l.variant.sku, name: 'Ordered', quantity: l.quantity, unitPrice: l.variant.price }))
}

const ADDRESS = { fullName: 'Cam Cart', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' }

export function orderConfirmedPayload(customerId: string, orderId: string, lines: PayloadOf<'order.confirmed'>['lines']): PayloadOf<'order.confirmed'> {
  const total = { amount: lines.reduce((sum, l) => sum + l.unitPrice.amount * l.quantity, 0), currency: 'USD' }
  return {
    orderId,
    number: `EMP-${orderId.slice(-6)}`,
    customerId,
    email: 'cam.cart@example.com',
    lines,
    subtotal: total,
    shippingTotal: { amount: 0, currency: 'USD' },
    total,
    shippingMethod: { id: uuidv4(), name: 'Standard' },
    shippingAddress: ADDRESS,
  }
}

export function orderCancelledPayload(
  customerId: string,
  orderId: string,
  lines: PayloadOf<'order.cancelled'>['lines'],
  previousStatus: 'pending' | 'confirmed' = 'pending',
): PayloadOf<'order.cancelled'> {
  return {
    orderId,
    number: `EMP-${orderId.slice(-6)}`,
    customerId,
    email: 'cam.cart@example.com',
    reason: previousStatus === 'pending' ? 'payment_declined' : 'customer_cancelled',
    previousStatus,
    lines,
    total: { amount: lines.reduce((sum, l) => sum + l.unitPrice.amount * l.quantity, 0), currency: 'USD' },
  }
}

export function newOrderId(): string {
  return uuidv7()
}

export { envelope, type Running, type Reply }
