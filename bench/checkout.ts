/**
 * The checkout scenario: `buyers` concurrent buyers place orders back to back for `seconds`, each
 * rotating over customers of its own (a customer orders again only once their last order has
 * settled, since the cart is cleared at confirmation). Each order is timed from just before its
 * POST /api/orders to the moment its history says `confirmed` (the server's clock, the same
 * machine), so no polling skews the figure. Throughput counts orders confirmed per second of the
 * run, from the first POST to the last confirmation.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { type Cost, costPerOrder, type CostSnapshot, STATS_SETTLE_MS } from './cost.ts'

export interface CheckoutResult {
  buyers: number
  seconds: number
  placed: number
  confirmed: number
  cancelled: number
  failedRequests: number
  ordersPerSecond: number
  p50Ms: number
  p90Ms: number
  p99Ms: number
  maxMs: number
  /** What the orders cost, when the caller can read the counters. */
  cost?: Cost
}

const CARD = { method: 'card', cardNumber: '4242424242424242', expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: '123' }
const ADDRESS = { fullName: 'Bench Buyer', line1: '1 Load Street', city: 'Austin', region: 'TX', postalCode: '73301', country: 'US' }

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the scenario reads answers of every shape
type Json = any

async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}

async function inBatches<T>(count: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < count; i += size) out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, j) => make(i + j)))))
  return out
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export interface CheckoutOptions {
  buyers: number
  seconds: number
  customersPerBuyer?: number
  /** Reads the cost counters (CPU, commits, messages); called just before the load and once every order has settled. */
  snapshot?: () => Promise<CostSnapshot>
}

export async function benchCheckout(base: string, admin: { email: string; password: string }, options: CheckoutOptions): Promise<CheckoutResult> {
  const adminToken = (await call(base, 'POST', '/api/auth/login', admin)).body.accessToken as string
  const auth = (token: string) => ({ authorization: `Bearer ${token}` })
  const sku = `BENCH-${Date.now().toString(36).toUpperCase()}`
  const product = await call(
    base,
    'POST',
    '/api/products',
    {
      name: `Bench Checkout Blend ${sku}`,
      brand: 'Bench',
      description: 'Bought by the checkout benchmark.',
      status: 'active',
      images: [],
      options: [],
      variants: [{ sku, title: 'Default', options: {}, price: { amount: 1999, currency: 'USD' }, weightGrams: 300, initialStock: 10_000_000 }],
    },
    auth(adminToken),
  )
  if (product.status !== 201) throw new Error(`creating the bench product: ${product.status} ${JSON.stringify(product.body)}`)
  const variantId = product.body.variants[0].id as string

  const perBuyer = options.customersPerBuyer ?? 25
  const tokens = await inBatches(options.buyers * perBuyer, 8, async (i) => {
    const email = `bench-buyer-${Date.now().toString(36)}-${i}@example.com`
    const res = await call(base, 'POST', '/api/auth/register', { email, password: 'BenchBuyer1234', firstName: 'Bench', lastName: `Buyer${i}` })
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body.accessToken as string
  })
  // Wait until the cart knows the product, then fetch a shipping method once.
  for (let i = 0; ; i++) {
    const probe = await call(base, 'POST', '/api/cart/items', { variantId, quantity: 1 }, auth(tokens[0]!))
    if (probe.status < 300) break
    if (i > 200) throw new Error(`the cart never learnt the bench product: ${JSON.stringify(probe.body)}`)
    await sleep(100)
  }
  await call(base, 'DELETE', '/api/cart', undefined, auth(tokens[0]!))
  const quote = await call(base, 'POST', '/api/shipping/quote', { address: { country: 'US', postalCode: '73301' }, items: [{ variantId, quantity: 1 }] })
  const shippingMethodId = quote.body[0].methodId as string

  // The set-up's own counts reach the statistics first, so that the snapshot holds them all.
  const before = options.snapshot ? (await sleep(STATS_SETTLE_MS), await options.snapshot()) : undefined
  const placed: Array<{ id: string; token: string; t0: number }> = []
  const lastOrder = new Map<string, string>()
  let failedRequests = 0
  const stopAt = Date.now() + options.seconds * 1000
  const firstPost = Date.now()

  const placeOrder = (token: string) =>
    call(base, 'POST', '/api/orders', { shippingAddress: ADDRESS, shippingMethodId, payment: CARD }, { ...auth(token), 'idempotency-key': randomUUID() })

  async function settle(token: string): Promise<void> {
    const id = lastOrder.get(token)
    if (!id) return
    for (;;) {
      const res = await call(base, 'GET', `/api/orders/${id}`, undefined, auth(token))
      if (res.body?.status !== 'pending') return
      await sleep(20)
    }
  }

  await Promise.all(
    Array.from({ length: options.buyers }, async (_, b) => {
      const mine = tokens.slice(b * perBuyer, (b + 1) * perBuyer)
      for (let n = 0; Date.now() < stopAt; n++) {
        const token = mine[n % mine.length]!
        await settle(token)
        const added = await call(base, 'POST', '/api/cart/items', { variantId, quantity: 1 }, auth(token))
        if (added.status >= 300) {
          failedRequests++
          continue
        }
        const t0 = Date.now()
        let res = await placeOrder(token)
        // The cart lets go of the customer's last order a moment after it is confirmed: a new order (a new key) then goes through.
        for (let tries = 0; res.status === 409 && res.body?.code === 'checkout_in_progress' && tries < 50; tries++) {
          await sleep(10)
          res = await placeOrder(token)
        }
        if (res.status !== 202) {
          failedRequests++
          continue
        }
        placed.push({ id: res.body.id, token, t0 })
        lastOrder.set(token, res.body.id)
      }
    }),
  )

  // Every order settles (one cheap count, not a read per order, so that the cost is the orders' own),
  // then its history gives the moment it was confirmed.
  for (let attempt = 0; ; attempt++) {
    const pending = await call(base, 'GET', '/api/admin/orders?status=pending&pageSize=1', undefined, auth(adminToken))
    if (pending.status === 200 && pending.body.total === 0) break
    if (attempt > 600) throw new Error(`orders still pending after a minute: ${JSON.stringify(pending.body)}`)
    await sleep(100)
  }
  const after = options.snapshot ? (await sleep(STATS_SETTLE_MS), await options.snapshot()) : undefined
  const latencies: number[] = []
  let cancelled = 0
  let lastConfirmed = firstPost
  await inBatches(placed.length, 16, async (i) => {
    const { id, token, t0 } = placed[i]!
    for (let attempt = 0; ; attempt++) {
      const res = await call(base, 'GET', `/api/orders/${id}`, undefined, auth(token))
      const status = res.body?.status as string
      if (status === 'cancelled') {
        cancelled++
        return
      }
      const confirmed = (res.body?.history as Array<{ status: string; at: string }> | undefined)?.find((h) => h.status === 'confirmed')
      if (confirmed) {
        const at = Date.parse(confirmed.at)
        latencies.push(at - t0)
        lastConfirmed = Math.max(lastConfirmed, at)
        return
      }
      if (attempt > 600) throw new Error(`order ${id} never settled`)
      await sleep(50)
    }
  })
  latencies.sort((a, b) => a - b)
  const seconds = (lastConfirmed - firstPost) / 1000
  return {
    buyers: options.buyers,
    seconds: Math.round(seconds * 10) / 10,
    placed: placed.length,
    confirmed: latencies.length,
    cancelled,
    failedRequests,
    ordersPerSecond: Math.round((latencies.length / seconds) * 10) / 10,
    p50Ms: percentile(latencies, 50),
    p90Ms: percentile(latencies, 90),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? 0,
    ...(before && after ? { cost: costPerOrder(before, after, placed.length) } : {}),
  }
}
