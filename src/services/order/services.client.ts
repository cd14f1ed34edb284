/**
 * HTTP queries to the services checkout needs: the cart, the address book, card tokens,
 * shipping quotes and low stock. Never called inside a transaction. A service that does not
 * answer, answers 5xx or answers off-contract makes the request a 503; its 4xx answers that the
 * customer can act on come back as the customer's problem.
 */
import { request } from 'undici'
import { z } from 'zod'
import { Money } from '../../contracts/money.ts'
import type { ServiceName } from '../../platform/config.ts'
import { currentContext } from '../../platform/context.ts'
import { AppError, type FieldError, RuleViolation, ServiceUnavailable, Unauthorized } from '../../platform/errors.ts'
import type { OrderDeps } from './order.deps.ts'

interface Answer {
  status: number
  body: unknown
}

type ClientDeps = Pick<OrderDeps, 'urls' | 'httpTimeoutMs' | 'log'>

async function callService(
  deps: ClientDeps,
  service: ServiceName,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  options: { authorization?: string | undefined; body?: unknown } = {},
): Promise<Answer> {
  const context = currentContext()
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.authorization) headers.authorization = options.authorization
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (context) headers['x-request-id'] = context.correlationId
  if (context?.traceparent) headers.traceparent = context.traceparent
  let status: number
  let text: string
  try {
    const res = await request(`${deps.urls[service]}${path}`, {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: AbortSignal.timeout(deps.httpTimeoutMs),
    })
    status = res.statusCode
    text = await res.body.text()
  } catch (err) {
    deps.log.warn({ err, service, path }, 'a service checkout needs did not answer')
    throw unavailable(service)
  }
  if (status >= 500) {
    deps.log.warn({ service, path, status }, 'a service checkout needs answered with a server error')
    throw unavailable(service)
  }
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = text
  }
  return { status, body }
}

function unavailable(service: ServiceName): ServiceUnavailable {
  return new ServiceUnavailable(`The ${service} service is not answering. Try again shortly.`, `${service}_unavailable`)
}

function parseAnswer<S extends z.ZodType>(deps: ClientDeps, service: ServiceName, schema: S, answer: Answer): z.output<S> {
  const parsed = schema.safeParse(answer.body)
  if (parsed.success) return parsed.data
  deps.log.warn({ service, status: answer.status, issues: parsed.error.issues.slice(0, 5) }, 'a service answered off-contract')
  throw unavailable(service)
}

/** 401 from a service we called with the caller's own token: their token is the problem. */
function refuseCaller(service: ServiceName, answer: Answer): never {
  if (answer.status === 401 || answer.status === 403) throw new Unauthorized('Your session is not valid any more. Sign in again.')
  throw unavailable(service)
}

const Problem = z.object({
  detail: z.string().optional(),
  title: z.string().optional(),
  code: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
})

function problemOf(answer: Answer): z.infer<typeof Problem> {
  const parsed = Problem.safeParse(answer.body)
  return parsed.success ? parsed.data : {}
}

// --- Cart ---

export const CartLine = z.object({
  variantId: z.uuid(),
  productId: z.uuid(),
  sku: z.string().min(1),
  name: z.string(),
  title: z.string().nullish(),
  /** Absent or null when the variant is no longer sold. */
  unitPrice: Money.nullish(),
  quantity: z.number().int().positive(),
  available: z.union([z.number(), z.boolean()]).nullish(),
  /** False when the product was archived or deleted after it was put in the cart. */
  sellable: z.boolean().optional(),
  status: z.string().optional(),
})
export type CartLine = z.infer<typeof CartLine>

const Cart = z.object({ id: z.uuid(), items: z.array(CartLine) })
export type Cart = z.infer<typeof Cart>

/**
 * Takes the caller's cart for this order at the cart service, with current prices: no other
 * checkout starts from it until the order settles. An empty cart (422) and a cart another
 * order's checkout holds (409 checkout_in_progress) come back as the customer's problem.
 */
export async function claimCart(deps: ClientDeps, authorization: string, orderId: string): Promise<Cart> {
  const answer = await callService(deps, 'cart', 'POST', '/internal/cart/checkouts', { authorization, body: { orderId } })
  if (answer.status === 200) return parseAnswer(deps, 'cart', Cart, answer)
  if (answer.status === 409 || answer.status === 422) {
    const p = problemOf(answer)
    const conflict = answer.status === 409
    throw new AppError(
      answer.status,
      p.code ?? (conflict ? 'checkout_in_progress' : 'cart_empty'),
      conflict ? 'Conflict' : 'Unprocessable Content',
      p.detail ?? (conflict ? 'An order from this cart is already being placed.' : 'Your cart is empty.'),
    )
  }
  return refuseCaller('cart', answer)
}

/** The placement failed before its order was written: the cart is let go. Best effort; the hold also runs out by itself. */
export async function releaseCart(deps: ClientDeps, authorization: string, orderId: string): Promise<void> {
  try {
    await callService(deps, 'cart', 'DELETE', `/internal/cart/checkouts/${orderId}`, { authorization })
  } catch (err) {
    deps.log.warn({ err, orderId }, 'could not let go of the cart after a failed placement; its hold runs out by itself')
  }
}

// --- Address book ---

const Address = z.object({
  id: z.string(),
  fullName: z.string(),
  line1: z.string(),
  line2: z.string().nullish(),
  city: z.string(),
  region: z.string().nullish(),
  postalCode: z.string(),
  country: z.string(),
  phone: z.string().nullish(),
})
export type Address = z.infer<typeof Address>

/** One address from the caller's address book; 422 when it is not there. */
export async function fetchAddress(deps: ClientDeps, authorization: string, addressId: string): Promise<Address> {
  const answer = await callService(deps, 'identity', 'GET', '/api/auth/me/addresses', { authorization })
  if (answer.status !== 200) refuseCaller('identity', answer)
  const { items } = parseAnswer(deps, 'identity', z.object({ items: z.array(Address) }), answer)
  const address = items.find((a) => a.id === addressId)
  if (!address) {
    throw new RuleViolation('That address is not in your address book.', 'unknown_address', [
      { path: 'shippingAddressId', message: 'No such address in your address book' },
    ])
  }
  return address
}

// --- Card tokens ---

export interface Card {
  cardNumber: string
  expMonth: number
  expYear: number
  cvc: string
}

const PaymentMethod = z.object({ id: z.string().min(1).max(255), brand: z.string().nullish(), last4: z.string().nullish() })
export type PaymentMethod = z.infer<typeof PaymentMethod>

/** Turns the card into a token at the payment service; card numbers never reach our tables or the bus. */
export async function createPaymentMethod(deps: ClientDeps, authorization: string, card: Card): Promise<PaymentMethod> {
  const answer = await callService(deps, 'payment', 'POST', '/api/payments/methods', { authorization, body: card })
  if (answer.status === 200 || answer.status === 201) return parseAnswer(deps, 'payment', PaymentMethod, answer)
  if (answer.status === 400 || answer.status === 422) {
    const p = problemOf(answer)
    const errors: FieldError[] = (p.errors ?? []).map((e) => ({ path: e.path ? `payment.${e.path}` : 'payment', message: e.message }))
    throw new AppError(
      answer.status,
      p.code ?? 'payment_method_invalid',
      answer.status === 400 ? 'Bad Request' : 'Unprocessable Content',
      p.detail ?? 'The card was not accepted.',
      errors.length > 0 ? errors : [{ path: 'payment', message: p.detail ?? 'The card was not accepted' }],
    )
  }
  return refuseCaller('payment', answer)
}

// --- Shipping quotes ---

const Quote = z.object({
  methodId: z.string(),
  name: z.string(),
  carrier: z.string().nullish(),
  price: Money,
  estimatedDays: z.object({ min: z.number().int().min(0), max: z.number().int().min(0) }),
})
export type Quote = z.infer<typeof Quote>

/** What each shipping method costs for these items to this address. */
export async function quoteShipping(
  deps: ClientDeps,
  authorization: string,
  address: { country: string; postalCode: string },
  items: ReadonlyArray<{ variantId: string; quantity: number }>,
): Promise<Quote[]> {
  const body = { address: { country: address.country, postalCode: address.postalCode }, items }
  const answer = await callService(deps, 'shipping', 'POST', '/api/shipping/quote', { authorization, body })
  if (answer.status === 200) {
    const parsed = parseAnswer(deps, 'shipping', z.union([z.array(Quote), z.object({ items: z.array(Quote) })]), answer)
    return Array.isArray(parsed) ? parsed : parsed.items
  }
  if (answer.status === 400 || answer.status === 404 || answer.status === 422) {
    throw new RuleViolation(problemOf(answer).detail ?? 'We cannot ship to that address.', 'shipping_unavailable', [
      { path: 'shippingAddress', message: 'No shipping method serves this address' },
    ])
  }
  return refuseCaller('shipping', answer)
}

// --- Low stock ---

const LowStock = z.object({ items: z.array(z.record(z.string(), z.unknown())) })

/** Skus at or under their threshold, as inventory reports them to an admin; undefined when inventory cannot say. */
export async function fetchLowStock(deps: ClientDeps, authorization: string): Promise<Array<Record<string, unknown>> | undefined> {
  try {
    const answer = await callService(deps, 'inventory', 'GET', '/api/inventory?lowStock=true&pageSize=20', { authorization })
    if (answer.status !== 200) return undefined
    return parseAnswer(deps, 'inventory', LowStock, answer).items
  } catch (err) {
    if (err instanceof AppError) return undefined
    throw err
  }
}
