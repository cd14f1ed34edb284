/**
 * Stand-ins for the services checkout asks over HTTP (cart, payment, shipping, inventory's low
 * stock): one small Fastify app on 127.0.0.1:0 that answers as their contracts say, with the
 * answers a test wants, and records what it was asked. Point ordering at it with `env`.
 */
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify'

export interface StandInLine {
  variantId: string
  productId: string
  sku: string
  name: string
  unitPrice: { amount: number; currency: string }
  quantity: number
  available?: number
  sellable?: boolean
}

export interface StandInQuote {
  methodId: string
  name: string
  carrier: string
  price: { amount: number; currency: string }
  estimatedDays: { min: number; max: number }
}

export interface Received {
  service: 'cart' | 'payment' | 'shipping' | 'inventory'
  method: string
  url: string
  authorization: string | undefined
  body: unknown
}

type Service = Received['service']

export interface StandIns {
  url: string
  /** Ordering's environment pointing it at the stand-ins. */
  env: Record<string, string>
  /** Each customer's cart lines, by user id; putting lines in starts a new cart (no checkout holds it). */
  carts: Map<string, StandInLine[]>
  /** The order whose checkout holds each customer's cart, as the cart service keeps it. */
  holds: Map<string, string>
  quotes: StandInQuote[]
  /** Answers `POST /api/payments/methods` with this instead of a token. */
  paymentMethodAnswer: { status: number; body: unknown } | undefined
  /** Answers the shipping quote with this instead of `quotes`. */
  quoteAnswer: { status: number; body: unknown } | undefined
  lowStock: Array<Record<string, unknown>>
  /** Services that hang up without answering, as if they were down. */
  down: Set<Service>
  received: Received[]
  reset(): void
  close(): Promise<void>
}

export const STANDARD_SHIPPING: StandInQuote = {
  methodId: '0195f7a0-0000-7000-8000-000000000001',
  name: 'Standard',
  carrier: 'USPS',
  price: { amount: 500, currency: 'USD' },
  estimatedDays: { min: 3, max: 5 },
}
export const EXPRESS_SHIPPING: StandInQuote = {
  methodId: '0195f7a0-0000-7000-8000-000000000002',
  name: 'Express',
  carrier: 'UPS',
  price: { amount: 1500, currency: 'USD' },
  estimatedDays: { min: 1, max: 2 },
}

/** The user id of a bearer token, read without checking it: the stand-ins trust ordering. */
function userOf(req: FastifyRequest): string | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1]
  const payload = token?.split('.')[1]
  if (!payload) return undefined
  try {
    return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: string }).sub
  } catch {
    return undefined
  }
}

export async function startStandIns(): Promise<StandIns> {
  const app = Fastify({ logger: false })
  const holds = new Map<string, string>()
  const cartIds = new Map<string, string>()
  class Carts extends Map<string, StandInLine[]> {
    override set(user: string, lines: StandInLine[]): this {
      holds.delete(user)
      cartIds.set(user, randomUUID())
      return super.set(user, lines)
    }
  }
  const state: Omit<StandIns, 'url' | 'env' | 'close'> = {
    carts: new Carts(),
    holds,
    quotes: [STANDARD_SHIPPING, EXPRESS_SHIPPING],
    paymentMethodAnswer: undefined,
    quoteAnswer: undefined,
    lowStock: [],
    down: new Set(),
    received: [],
    reset() {
      state.carts.clear()
      holds.clear()
      state.quotes = [STANDARD_SHIPPING, EXPRESS_SHIPPING]
      state.paymentMethodAnswer = undefined
      state.quoteAnswer = undefined
      state.lowStock = []
      state.down.clear()
      state.received.length = 0
    },
  }

  /** Records the request; true when the service is to play dead (the socket is dropped). */
  const arrive = (service: Service, req: FastifyRequest, reply: FastifyReply): boolean => {
    state.received.push({ service, method: req.method, url: req.url, authorization: req.headers.authorization, body: req.body })
    if (!state.down.has(service)) return false
    reply.hijack()
    req.raw.socket.destroy()
    return true
  }

  const problem = (reply: FastifyReply, status: number, code: string, detail: string) =>
    reply.code(status).type('application/problem+json').send({ type: 'about:blank', title: code, status, detail, code })

  app.post('/internal/cart/checkouts', async (req, reply) => {
    if (arrive('cart', req, reply)) return reply
    const user = userOf(req)
    if (!user) return reply.code(401).send({ status: 401, title: 'Unauthorized' })
    const { orderId } = req.body as { orderId: string }
    const lines = state.carts.get(user) ?? []
    if (lines.length === 0) return problem(reply, 422, 'cart_empty', 'Your cart is empty.')
    const holder = holds.get(user)
    if (holder && holder !== orderId) return problem(reply, 409, 'checkout_in_progress', 'An order from this cart is already being placed.')
    holds.set(user, orderId)
    return cartAnswer(user, lines, { orderId, until: new Date(Date.now() + 600_000).toISOString() })
  })

  app.delete('/internal/cart/checkouts/:orderId', async (req, reply) => {
    if (arrive('cart', req, reply)) return reply
    const user = userOf(req)
    if (user && holds.get(user) === (req.params as { orderId: string }).orderId) holds.delete(user)
    return reply.code(204).send()
  })

  function cartAnswer(user: string, lines: StandInLine[], checkout: { orderId: string; until: string } | null) {
    const items = lines.map((l) => ({
      title: 'Default',
      slug: l.sku.toLowerCase(),
      weightGrams: 250,
      available: 100,
      sellable: true,
      ...l,
      lineTotal: { amount: l.unitPrice.amount * l.quantity, currency: l.unitPrice.currency },
    }))
    const sellable = items.filter((i) => i.sellable)
    return {
      id: lines.length > 0 ? (cartIds.get(user) ?? null) : null,
      items,
      subtotal: { amount: sellable.reduce((n, i) => n + i.lineTotal.amount, 0), currency: 'USD' },
      itemCount: sellable.reduce((n, i) => n + i.quantity, 0),
      currency: 'USD',
      updatedAt: null,
      expiresAt: null,
      checkout,
    }
  }

  app.post('/api/payments/methods', async (req, reply) => {
    if (arrive('payment', req, reply)) return reply
    if (state.paymentMethodAnswer) return reply.code(state.paymentMethodAnswer.status).type('application/problem+json').send(state.paymentMethodAnswer.body)
    const card = req.body as { cardNumber: string; expMonth: number; expYear: number }
    return reply.code(201).send({ id: `pm_${randomUUID()}`, brand: 'visa', last4: card.cardNumber.slice(-4), expMonth: card.expMonth, expYear: card.expYear })
  })

  app.post('/api/shipping/quote', async (req, reply) => {
    if (arrive('shipping', req, reply)) return reply
    if (state.quoteAnswer) return reply.code(state.quoteAnswer.status).send(state.quoteAnswer.body)
    return state.quotes
  })

  app.get('/api/inventory', async (req, reply) => {
    if (arrive('inventory', req, reply)) return reply
    return { items: state.lowStock, total: state.lowStock.length, page: 1, pageSize: 20 }
  })

  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  const url = address.replace('localhost', '127.0.0.1')
  return Object.assign(state, {
    url,
    env: { CART_URL: url, PAYMENT_URL: url, SHIPPING_URL: url, INVENTORY_URL: url },
    close: () => app.close(),
  })
}
