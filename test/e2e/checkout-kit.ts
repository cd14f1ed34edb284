import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { eventually } from '../support/eventually.ts'
import type { client } from '../support/http.ts'

/** A shop driven over HTTP through its gateway, the way a storefront and an admin would. */
export type Shop = ReturnType<typeof client>

export const CARDS = {
  ok: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
} as const

export const ADDRESS = {
  fullName: 'Ada Lovelace',
  line1: '12 Analytical Row',
  city: 'Portland',
  region: 'OR',
  postalCode: '97205',
  country: 'US',
}

let counter = 0
function unique(label: string): string {
  counter += 1
  return `${label}-${process.pid}-${Date.now().toString(36)}-${counter}`
}

export async function login(shop: Shop, who: { email: string; password: string }): Promise<string> {
  const res = await shop.post('/api/auth/login', who)
  expect(res.status, res.text).toBe(200)
  return res.body.accessToken as string
}

export interface Customer {
  id: string
  email: string
  token: string
}

export async function newCustomer(shop: Shop, firstName = 'Cora'): Promise<Customer> {
  const email = `${unique('buyer').toLowerCase()}@example.com`
  const res = await shop.post('/api/auth/register', { email, password: 'Checkout1234', firstName, lastName: 'Buyer' })
  expect(res.status, res.text).toBe(201)
  return { id: res.body.user.id, email, token: res.body.accessToken }
}

export interface Listed {
  productId: string
  variantId: string
  sku: string
  price: number
}

/** An admin lists a product with one variant and opening stock, and waits until shoppers can buy it. */
export async function listProduct(shop: Shop, admin: string, options: { price?: number; stock: number; weightGrams?: number; name?: string }): Promise<Listed> {
  const sku = unique('CHK').toUpperCase()
  const price = options.price ?? 1250
  const res = await shop.post(
    '/api/products',
    {
      name: options.name ?? `Checkout Test Tonic ${sku}`,
      brand: 'Test Bench',
      description: 'A product made by a checkout test.',
      status: 'active',
      images: [],
      options: [],
      variants: [{ sku, title: 'Default', options: {}, price: { amount: price, currency: 'USD' }, weightGrams: options.weightGrams ?? 250, initialStock: options.stock }],
    },
    { token: admin },
  )
  expect(res.status, res.text).toBe(201)
  const variantId = res.body.variants[0].id as string
  const listed = { productId: res.body.id as string, variantId, sku, price }
  // The cart learns prices and stock from events: wait until it would accept the product.
  await eventually(async () => {
    const probe = await shop.post('/api/cart/items', { variantId, quantity: 1 })
    return probe.status === 200 || probe.status === 201 ? true : undefined
  }, 20_000, `cart knows ${sku}`)
  return listed
}

export async function addToCart(shop: Shop, token: string, variantId: string, quantity: number): Promise<void> {
  const res = await shop.post('/api/cart/items', { variantId, quantity }, { token })
  expect([200, 201], res.text).toContain(res.status)
}

export async function cheapestMethod(shop: Shop, items: Array<{ variantId: string; quantity: number }>): Promise<{ methodId: string; price: { amount: number } }> {
  const res = await shop.post('/api/shipping/quote', { address: { country: ADDRESS.country, postalCode: ADDRESS.postalCode }, items })
  expect(res.status, res.text).toBe(200)
  expect(res.body.length).toBeGreaterThan(0)
  return res.body[0]
}

export async function placeOrder(
  shop: Shop,
  token: string,
  options: { shippingMethodId: string; card?: string; key?: string },
): ReturnType<Shop['post']> {
  return shop.post(
    '/api/orders',
    {
      shippingAddress: ADDRESS,
      shippingMethodId: options.shippingMethodId,
      payment: { method: 'card', cardNumber: options.card ?? CARDS.ok, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' },
    },
    { token, headers: { 'idempotency-key': options.key ?? randomUUID() } },
  )
}

export type OrderView = {
  id: string
  number: string
  status: string
  cancellationReason?: string | null
  total: { amount: number }
  payment: { status: string }
  items: Array<{ variantId: string; quantity: number }>
}

/** Follows the order until the saga settles in one of `statuses`. */
export async function settled(shop: Shop, token: string, orderId: string, statuses = ['confirmed', 'cancelled'], timeoutMs = 20_000): Promise<OrderView> {
  return eventually(async () => {
    const res = await shop.get(`/api/orders/${orderId}`, { token })
    return statuses.includes(res.body?.status) ? (res.body as OrderView) : undefined
  }, timeoutMs, `order ${orderId} to become ${statuses.join(' or ')}`)
}

export async function stockOf(shop: Shop, admin: string, sku: string): Promise<{ onHand: number; reserved: number; available: number }> {
  const res = await shop.get(`/api/inventory?q=${encodeURIComponent(sku)}&pageSize=100`, { token: admin })
  expect(res.status, res.text).toBe(200)
  const level = (res.body.items as Array<{ sku: string; onHand: number; reserved: number; available: number }>).find((l) => l.sku === sku)
  if (!level) throw new Error(`no stock level for ${sku}`)
  return { onHand: level.onHand, reserved: level.reserved, available: level.available }
}

export async function paymentOf(shop: Shop, token: string, orderId: string): Promise<{ id: string; status: string; amount: { amount: number }; refunded: { amount: number }; events: Array<{ type: string }> } | undefined> {
  const res = await shop.get(`/api/payments?orderId=${orderId}`, { token })
  expect(res.status, res.text).toBe(200)
  return res.body.items[0]
}
