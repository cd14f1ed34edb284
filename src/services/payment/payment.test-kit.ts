/**
 * Helpers for payment's tests: a payment service started beside identity on the test PGlite
 * (built with options: a wrapped provider, short clocks), messages through its consumer, what it
 * sent read back from its outbox. Structural types keep this file free of imports from test/.
 */
import type { PGliteInterface } from '@electric-sql/pglite'
import { v7 as uuidv7 } from 'uuid'
import type { Envelope } from '../../contracts/message.ts'
import type { MessageType, PayloadOf } from '../../contracts/messages.ts'
import type { Transport } from '../../platform/bus/transport.ts'
import type { Config, ServiceName } from '../../platform/config.ts'
import { pgliteServiceDb } from '../../platform/db/db.ts'
import type { Kv } from '../../platform/kv/kv.ts'
import { createLogger } from '../../platform/log.ts'
import { openMailer } from '../../platform/mail/mailer.ts'
import { type RunningService, startService } from '../../platform/service.ts'
import { createPaymentModule } from './index.ts'
import type { PaymentModuleOptions } from './payment.deps.ts'
import type { PaymentDto, RefundDto } from './payment.dto.ts'
import type { AuthorizeResult, PaymentProvider } from './payment-provider.ts'
import { envelope, type Reply } from '../../platform/service.test-kit.ts'

export interface Services {
  config: Config
  pglite: PGliteInterface
  transport: Transport
  kv: Kv
  get(name: 'identity'): { app: RunningService['app']; url: string }
}

export const TEST_ADMIN = { email: 'pay.admin@example.com', password: 'PayAdm1n!' }
export const ADMIN_ENV = { ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password }

/** The environment that points payment at a Stripe fake (test/support/fake-stripe.ts), with the admin. */
export function stripeTestEnv(fake: { secretKey: string; webhookSecret: string; url: string }): Record<string, string> {
  return { ...ADMIN_ENV, PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: fake.secretKey, STRIPE_WEBHOOK_SECRET: fake.webhookSecret, STRIPE_API_URL: fake.url }
}

/** Clocks short enough for tests: retries in tens of milliseconds, a quick poll. */
export const FAST: PaymentModuleOptions = {
  worker: { retryDelaysMs: [20, 40, 80], callTimeoutMs: 3_000, leaseMs: 10_000, stopGraceMs: 3_000 },
}

export const CARDS = {
  ok: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  disputed: '4000000000000259',
  otherValid: '5555555555554444',
} as const

/** Starts a payment service built with `options` on the same PGlite and bus as `s` (identity there verifies tokens). */
export async function startPaymentBeside(s: Services, options: PaymentModuleOptions = FAST, listen = false): Promise<RunningService> {
  const log = createLogger(s.config)
  const mailer = openMailer(s.config.mail)
  const urls = Object.fromEntries(Object.entries(s.config.services).map(([n, v]) => [n, v.url])) as Record<ServiceName, string>
  urls.identity = s.get('identity').url
  return startService(
    createPaymentModule(options),
    { openDb: async () => pgliteServiceDb(s.pglite), transport: s.transport, kv: s.kv, mailer, urls },
    s.config,
    log,
    listen ? { host: '127.0.0.1', port: 0 } : undefined,
  )
}

const stopped = new WeakSet<RunningService>()

/** Stops it as a process stops: requests first, then its worker and relay. Stopping twice is harmless. */
export async function stopPayment(running: RunningService | undefined): Promise<void> {
  if (!running || stopped.has(running)) return
  stopped.add(running)
  await running.closeHttp()
  await running.stopWork()
}

/** Delivers a message to payment as the bus would, with a fresh message id. */
export async function send<T extends MessageType>(pay: RunningService, type: T, payload: PayloadOf<T>): Promise<Envelope> {
  const e = envelope(type, payload)
  await pay.consumer.handle(e)
  return e
}

type Method = 'GET' | 'POST'

export async function call(
  app: RunningService['app'],
  method: Method,
  url: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers = { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers }
  const res = await app.inject({ method, url, headers, ...(options.body !== undefined ? { payload: options.body as Record<string, unknown> } : {}) })
  return res as unknown as Reply
}

let counter = 0

async function identityToken(s: Services, url: string, body: Record<string, unknown>, expected: number): Promise<string> {
  const res = await s.get('identity').app.inject({ method: 'POST', url, payload: body })
  if (res.statusCode !== expected) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`)
  return res.json<{ accessToken: string }>().accessToken
}

export function adminToken(s: Services): Promise<string> {
  return identityToken(s, '/api/auth/login', TEST_ADMIN, 200)
}

export interface Customer {
  token: string
  id: string
  email: string
}

export async function newCustomer(s: Services): Promise<Customer> {
  counter += 1
  const email = `payer.${process.pid}.${Date.now()}.${counter}@example.com`
  const token = await identityToken(s, '/api/auth/register', { email, password: 'Pay3rPass!', firstName: 'Pat', lastName: 'Payer' }, 201)
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub: string }
  return { token, id: claims.sub, email }
}

/** Tokenizes a card for the customer, as the order service does before it places an order. */
export async function tokenize(pay: RunningService, customer: Customer, cardNumber: string): Promise<string> {
  const res = await call(pay.app, 'POST', '/api/payments/methods', {
    token: customer.token,
    body: { cardNumber, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' },
  })
  if (res.statusCode !== 201) throw new Error(`tokenizing answered ${res.statusCode}: ${res.body}`)
  return res.json<{ id: string }>().id
}

export function usd(amount: number): { amount: number; currency: string } {
  return { amount, currency: 'USD' }
}

/** Sends payment.authorize for a new order (or `orderId`) and returns the order id. */
export async function authorize(pay: RunningService, customer: Customer, paymentMethodId: string, amount = 2500, orderId: string = uuidv7()): Promise<string> {
  await send(pay, 'payment.authorize', { orderId, customerId: customer.id, email: customer.email, amount: usd(amount), paymentMethodId })
  return orderId
}

/** The payloads payment has put in its outbox with this type, oldest first, optionally only those of one order. */
export async function sent<T extends MessageType>(s: Services, type: T, orderId?: string): Promise<Array<PayloadOf<T>>> {
  const { rows } = await s.pglite.query<{ envelope: Envelope }>(`SELECT envelope FROM payment.outbox WHERE type = $1 ORDER BY seq`, [type])
  return rows.map((r) => r.envelope.payload as PayloadOf<T> & { orderId?: string }).filter((p) => orderId === undefined || p.orderId === orderId)
}

/** The order's payment as the admin sees it. */
export async function paymentOf(pay: RunningService, admin: string, orderId: string): Promise<PaymentDto | undefined> {
  const res = await call(pay.app, 'GET', `/api/payments?orderId=${orderId}`, { token: admin })
  return res.json<{ items: PaymentDto[] }>().items[0]
}

/** Waits until the order's payment satisfies `done`. */
export async function paymentWhen(
  pay: RunningService,
  admin: string,
  orderId: string,
  done: (p: PaymentDto) => boolean,
  timeoutMs = 5_000,
): Promise<PaymentDto> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const p = await paymentOf(pay, admin, orderId)
    if (p && done(p)) return p
    if (Date.now() > deadline) throw new Error(`Timed out waiting on the payment of ${orderId}: ${JSON.stringify(p)}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** Charges the simulator made for this order (authorizations held or captured), whatever the service recorded. */
export async function simulatorChargesFor(s: Services, orderId: string): Promise<Array<{ status: string; captured_minor: number; refunded_minor: number }>> {
  const { rows } = await s.pglite.query<{ status: string; captured_minor: number; refunded_minor: number }>(
    `SELECT status, captured_minor::int, refunded_minor::int FROM payment.simulator_charges WHERE metadata->>'orderId' = $1`,
    [orderId],
  )
  return rows
}

/** A provider that passes every call to `inner`, except those overridden. */
export function delegate(inner: PaymentProvider, overrides: Partial<Omit<PaymentProvider, 'name'>> = {}): PaymentProvider {
  return {
    name: inner.name,
    createPaymentMethod: (card, key) => inner.createPaymentMethod(card, key),
    authorize: (amount, methodId, key, ref) => inner.authorize(amount, methodId, key, ref),
    capture: (ref, amount, key) => inner.capture(ref, amount, key),
    void: (ref, key) => inner.void(ref, key),
    refund: (ref, amount, key) => inner.refund(ref, amount, key),
    verifyWebhook: (raw, headers) => inner.verifyWebhook(raw, headers),
    ...overrides,
  }
}

/** Counts the calls made to a provider, by method and by idempotency key; `after` runs after each call returns. */
export function countingProvider(after?: (method: string, key: string) => Promise<void> | void) {
  const calls: Record<string, number> = {}
  const byKey = new Map<string, number>()
  const count = async <T>(method: string, key: string, call: () => Promise<T>): Promise<T> => {
    calls[method] = (calls[method] ?? 0) + 1
    byKey.set(key, (byKey.get(key) ?? 0) + 1)
    const result = await call()
    await after?.(method, key)
    return result
  }
  const wrap = (inner: PaymentProvider): PaymentProvider =>
    delegate(inner, {
      authorize: (amount, methodId, key, ref): Promise<AuthorizeResult> => count('authorize', key, () => inner.authorize(amount, methodId, key, ref)),
      capture: (ref, amount, key) => count('capture', key, () => inner.capture(ref, amount, key)),
      void: (ref, key) => count('void', key, () => inner.void(ref, key)),
      refund: (ref, amount, key) => count('refund', key, () => inner.refund(ref, amount, key)),
    })
  return { wrap, calls, byKey }
}

export type { PaymentDto, RefundDto }

export { envelope, type Reply }
