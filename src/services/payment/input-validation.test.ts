import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningService } from '../../platform/service.ts'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { ProviderError } from './payment-provider.ts'
import {
  ADMIN_ENV,
  adminToken,
  authorize,
  call,
  CARDS,
  type Customer,
  delegate,
  FAST,
  newCustomer,
  paymentWhen,
  type Reply,
  startPaymentBeside,
  stopPayment,
  tokenize,
} from './payment.test-kit.ts'
import { signatureHeader } from './webhook-signature.ts'

/** Numbers the test provider refuses when tokenizing: for good, and because it is down. */
const REFUSED = '4000000000000069'
const PROVIDER_DOWN = '4000000000000119'

let s: TestServices
let pay: RunningService
let admin: string
let customer: Customer
let paymentId: string

beforeAll(async () => {
  s = await startTestServices(['identity'], { env: ADMIN_ENV })
  pay = await startPaymentBeside(s, {
    ...FAST,
    wrapProvider: (inner) =>
      delegate(inner, {
        createPaymentMethod: async (card, key) => {
          if (card.number === REFUSED) throw new ProviderError('expired_card', 'Your card has expired.', false)
          if (card.number === PROVIDER_DOWN) throw new ProviderError('processor_unavailable', 'connection refused', true)
          return inner.createPaymentMethod(card, key)
        },
      }),
  })
  admin = await adminToken(s)
  customer = await newCustomer(s)
  const orderId = await authorize(pay, customer, await tokenize(pay, customer, CARDS.ok))
  paymentId = (await paymentWhen(pay, admin, orderId, (p) => p.status === 'authorized')).id
})
afterAll(async () => {
  await stopPayment(pay)
  await s?.stop()
})

function expectProblem(res: Reply, status: number): void {
  expect(res.statusCode, res.body).toBe(status)
  expect(res.headers['content-type']).toContain('application/problem+json')
}

const nextYear = new Date().getUTCFullYear() + 1
const goodCard = { cardNumber: CARDS.ok, expMonth: 12, expYear: nextYear, cvc: '123' }
const tokenizeWith = (body: unknown, token = customer.token) => call(pay.app, 'POST', '/api/payments/methods', { token, body })

describe('bad input to POST /api/payments/methods', () => {
  it.each([
    ['4242424242424241', 'Luhn'],
    ['4242 4242 4242 4241', 'Luhn'],
    ['4242-4242-4242-4242', '12 to 19 digits'],
    ['4242abcd42424242', '12 to 19 digits'],
    ['42424242424', '12 to 19 digits'],
    ['42424242424242424242', '12 to 19 digits'],
    ['', ''],
  ])('when the card number is "%s", then 400 naming cardNumber', async (cardNumber, message) => {
    const res = await tokenizeWith({ ...goodCard, cardNumber })
    expectProblem(res, 400)
    const problem = res.json<{ code: string; errors: Array<{ path: string; message: string }> }>()
    expect(problem.code).toBe('validation_failed')
    const error = problem.errors.find((e) => e.path === 'cardNumber')
    expect(error?.message).toContain(message)
  })

  it.each([
    [{ expMonth: 13 }, 'expMonth'],
    [{ expMonth: 0 }, 'expMonth'],
    [{ expMonth: 1.5 }, 'expMonth'],
    [{ expMonth: '12' }, 'expMonth'],
    [{ expYear: 1999 }, 'expYear'],
    [{ expYear: new Date().getUTCFullYear() - 1 }, 'expYear'],
    [{ expYear: new Date().getUTCFullYear(), expMonth: new Date().getUTCMonth() === 0 ? 0 : new Date().getUTCMonth() }, 'expMonth|expYear'],
    [{ cvc: '12' }, 'cvc'],
    [{ cvc: '12345' }, 'cvc'],
    [{ cvc: 'abc' }, 'cvc'],
    [{ cvc: 123 }, 'cvc'],
    [{ cardNumber: undefined }, 'cardNumber'],
  ])('when the card has %j, then 400 naming %s', async (change, path) => {
    const res = await tokenizeWith({ ...goodCard, ...change })
    expectProblem(res, 400)
    const paths = res.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path)
    expect(paths.some((p) => new RegExp(`^(${path})$`).test(p))).toBe(true)
  })

  it('when the card expired last month, then 400 saying so', async () => {
    const now = new Date()
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
    const res = await tokenizeWith({ ...goodCard, expMonth: last.getUTCMonth() + 1, expYear: last.getUTCFullYear() })
    expectProblem(res, 400)
    expect(res.json<{ errors: Array<{ message: string }> }>().errors.map((e) => e.message)).toContain('The card has expired.')
  })

  it('when the number has spaces and the card expires this month, then it is accepted and only the last four digits come back', async () => {
    const now = new Date()
    const res = await tokenizeWith({ ...goodCard, cardNumber: '4242 4242 4242 4242', expMonth: now.getUTCMonth() + 1, expYear: now.getUTCFullYear() })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ brand: 'visa', last4: '4242', id: expect.stringMatching(/^pm_sim_/) })
    expect(res.body).not.toContain('4242424242424242')
  })

  it('when the body is not JSON or not an object, then 4xx problem, never 500', async () => {
    const raw = (payload: string, contentType = 'application/json') =>
      pay.app.inject({ method: 'POST', url: '/api/payments/methods', payload, headers: { 'content-type': contentType, authorization: `Bearer ${customer.token}` } })
    expectProblem((await raw('{"cardNumber":')) as unknown as Reply, 400)
    expectProblem((await raw('[]')) as unknown as Reply, 400)
    expectProblem((await raw('card=4242', 'application/x-www-form-urlencoded')) as unknown as Reply, 415)
  })

  it('when the provider refuses the card, then 422 card_rejected; when it does not answer, then 503', async () => {
    const refused = await tokenizeWith({ ...goodCard, cardNumber: REFUSED })
    expectProblem(refused, 422)
    expect(refused.json()).toMatchObject({ code: 'card_rejected', detail: 'Your card has expired.' })
    const down = await tokenizeWith({ ...goodCard, cardNumber: PROVIDER_DOWN })
    expectProblem(down, 503)
    expect(down.json()).toMatchObject({ code: 'payment_provider_unavailable' })
  })

  it('when there is no token or a bad one, then 401', async () => {
    expectProblem(await call(pay.app, 'POST', '/api/payments/methods', { body: goodCard }), 401)
    expectProblem(await call(pay.app, 'POST', '/api/payments/methods', { body: goodCard, token: 'not-a-jwt' }), 401)
  })
})

describe('bad input to the payment reads', () => {
  it('when paging or the order filter is off-contract, then 400', async () => {
    for (const url of ['/api/payments?page=0', '/api/payments?pageSize=101', '/api/payments?pageSize=abc', '/api/payments?orderId=nope']) {
      expectProblem(await call(pay.app, 'GET', url, { token: customer.token }), 400)
    }
  })

  it('when the id is not a uuid, then 400; unknown, then 404; another customer’s, then 404; the admin sees it', async () => {
    expectProblem(await call(pay.app, 'GET', '/api/payments/not-a-uuid', { token: customer.token }), 400)
    expectProblem(await call(pay.app, 'GET', `/api/payments/${uuidv7()}`, { token: customer.token }), 404)
    const stranger = await newCustomer(s)
    expectProblem(await call(pay.app, 'GET', `/api/payments/${paymentId}`, { token: stranger.token }), 404)
    const theirs = await call(pay.app, 'GET', '/api/payments', { token: stranger.token })
    expect(theirs.json()).toMatchObject({ items: [], total: 0 })
    expect((await call(pay.app, 'GET', `/api/payments/${paymentId}`, { token: customer.token })).statusCode).toBe(200)
    expect((await call(pay.app, 'GET', `/api/payments/${paymentId}`, { token: admin })).statusCode).toBe(200)
  })

  it('when there is no token or a bad one, then 401', async () => {
    for (const url of ['/api/payments', `/api/payments/${paymentId}`]) {
      expectProblem(await call(pay.app, 'GET', url), 401)
      expectProblem(await call(pay.app, 'GET', url, { token: 'not-a-jwt' }), 401)
    }
  })
})

describe('bad input to POST /api/payments/:id/refunds', () => {
  const refund = (body: unknown, options: { token?: string; key?: string | null; id?: string } = {}) =>
    call(pay.app, 'POST', `/api/payments/${options.id ?? paymentId}/refunds`, {
      token: options.token ?? admin,
      body,
      headers: options.key === null ? {} : { 'idempotency-key': options.key ?? uuidv7() },
    })

  it.each([
    [{ amount: { amount: 0, currency: 'USD' } }, 'amount.amount'],
    [{ amount: { amount: -5, currency: 'USD' } }, 'amount.amount'],
    [{ amount: { amount: 1.5, currency: 'USD' } }, 'amount.amount'],
    [{ amount: { amount: '100', currency: 'USD' } }, 'amount.amount'],
    [{ amount: { amount: 100, currency: 'usd' } }, 'amount.currency'],
    [{ amount: { amount: 100 } }, 'amount.currency'],
    [{ amount: 100 }, 'amount'],
    [{ reason: '' }, 'reason'],
    [{ reason: 'x'.repeat(501) }, 'reason'],
  ])('when the body is %j, then 400 naming %s', async (body, path) => {
    const res = await refund(body)
    expectProblem(res, 400)
    expect(res.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path)).toContain(path)
  })

  it('when the Idempotency-Key is missing or malformed, then 400', async () => {
    expectProblem(await refund({}, { key: null }), 400)
    expectProblem(await refund({}, { key: 'x'.repeat(201) }), 400)
  })

  it('when the payment is unknown, then 404; when its id is not a uuid, then 400', async () => {
    expectProblem(await refund({}, { id: uuidv7() }), 404)
    expectProblem(await refund({}, { id: 'nope' }), 400)
  })

  it('when a customer asks, then 403; without a token or with a bad one, 401', async () => {
    expectProblem(await refund({}, { token: customer.token }), 403)
    expectProblem(await call(pay.app, 'POST', `/api/payments/${paymentId}/refunds`, { body: {}, headers: { 'idempotency-key': uuidv7() } }), 401)
    expectProblem(await refund({}, { token: 'not-a-jwt' }), 401)
  })
})

describe('bad input to the simulator webhook endpoint', () => {
  const post = (payload: string, headers: Record<string, string>) =>
    pay.app.inject({ method: 'POST', url: '/api/payments/webhooks/simulator', payload, headers: { 'content-type': 'application/json', ...headers } }) as unknown as Promise<Reply>
  const event = JSON.stringify({ id: `evt_${uuidv7()}`, type: 'charge.dispute.created', data: { object: { payment_intent: 'ch_sim_unknown', amount: 100 } } })
  const secret = () => s.config.payment.simulatorWebhookSecret

  it('when it is unsigned, badly signed or signed with another secret, then 400 problem+json', async () => {
    expectProblem(await post(event, {}), 400)
    expectProblem(await post(event, { 'simulator-signature': 't=1,v1=00' }), 400)
    expectProblem(await post(event, { 'simulator-signature': signatureHeader(event, 'another-secret-entirely') }), 400)
    expectProblem(await post(event, { 'simulator-signature': 'garbage' }), 400)
  })

  it('when it is correctly signed, then 200 (about a charge we do not know, so nothing changes); signed but not an event, then 400', async () => {
    const ok = await post(event, { 'simulator-signature': signatureHeader(event, secret()) })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toEqual({ received: true, duplicate: false })
    const notJson = 'not json at all'
    expectProblem(await post(notJson, { 'simulator-signature': signatureHeader(notJson, secret()) }), 400)
    const notEvent = JSON.stringify({ hello: 'world' })
    expectProblem(await post(notEvent, { 'simulator-signature': signatureHeader(notEvent, secret()) }), 400)
  })
})

describe('the OpenAPI document', () => {
  it('when /docs/json is read, then every payment route is documented with its security', async () => {
    const res = await call(pay.app, 'GET', '/docs/json')
    expect(res.statusCode).toBe(200)
    const doc = res.json<{ paths: Record<string, Record<string, { security?: unknown[]; summary?: string }>> }>()
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/payments', '/api/payments/{id}', '/api/payments/methods', '/api/payments/{id}/refunds', '/api/payments/webhooks/{provider}']),
    )
    expect(doc.paths['/api/payments/{id}/refunds']?.post?.security).toEqual([{ bearerAuth: [] }])
    expect(doc.paths['/api/payments/methods']?.post?.summary).toContain('Tokenize')
  })
})
