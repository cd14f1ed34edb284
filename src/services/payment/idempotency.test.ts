import { v7 as uuidv7 } from 'uuid'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RunningService } from '../../platform/service.ts'
import { eventually, startTestServices, type TestServices } from '../../../test/support/services.ts'
import { ProviderError } from './payment-provider.ts'
import {
  ADMIN_ENV,
  adminToken,
  authorize,
  CARDS,
  countingProvider,
  type Customer,
  delegate,
  envelope,
  FAST,
  newCustomer,
  paymentWhen,
  send,
  sent,
  simulatorChargesFor,
  startPaymentBeside,
  stopPayment,
  tokenize,
  usd,
} from './payment.test-kit.ts'

let s: TestServices
let admin: string
let customer: Customer
const started: RunningService[] = []

beforeAll(async () => {
  s = await startTestServices(['identity'], { env: ADMIN_ENV })
  admin = await adminToken(s)
})
afterEach(async () => {
  for (const running of started.splice(0)) await stopPayment(running)
})
afterAll(() => s?.stop())

async function start(options: Parameters<typeof startPaymentBeside>[1] = FAST): Promise<RunningService> {
  const running = await startPaymentBeside(s, options)
  started.push(running)
  return running
}

async function replaysOf(key: string): Promise<number | undefined> {
  const { rows } = await s.pglite.query<{ replays: number }>('SELECT replays FROM payment.simulator_requests WHERE idempotency_key = $1', [key])
  return rows[0]?.replays
}

describe('nothing is charged twice', () => {
  it('when the same payment.authorize is delivered twice, under two message ids and once more under the same one, then the card is charged once', async () => {
    const counter = countingProvider()
    const pay = await start({ ...FAST, wrapProvider: counter.wrap })
    customer = await newCustomer(s)
    const methodId = await tokenize(pay, customer, CARDS.ok)
    const orderId = uuidv7()
    const command = { orderId, customerId: customer.id, email: customer.email, amount: usd(1500), paymentMethodId: methodId }
    const first = envelope('payment.authorize', command)
    await pay.consumer.handle(first)
    await pay.consumer.handle(first)
    await send(pay, 'payment.authorize', command)
    await paymentWhen(pay, admin, orderId, (p) => p.status === 'authorized')
    await send(pay, 'payment.authorize', command)

    expect(counter.calls.authorize).toBe(1)
    expect(await simulatorChargesFor(s, orderId)).toHaveLength(1)
    expect(await sent(s, 'payment.authorized', orderId)).toHaveLength(1)
  })

  it('when the worker dies after the provider authorized but before it recorded, then the next worker, once the lease is over, gets the first answer under the same key: one charge, authorized once', async () => {
    customer = await newCustomer(s)
    let called: () => void = () => {}
    const providerAnswered = new Promise<void>((resolve) => {
      called = resolve
    })
    // The doomed worker: the provider call goes through, then the process "hangs until killed".
    const doomed = countingProvider(async (method) => {
      if (method !== 'authorize') return
      called()
      await new Promise(() => {})
    })
    const shortLease = { ...FAST.worker, leaseMs: 400, stopGraceMs: 20 }
    const first = await start({ ...FAST, worker: shortLease, wrapProvider: doomed.wrap })
    const methodId = await tokenize(first, customer, CARDS.ok)
    const orderId = await authorize(first, customer, methodId, 2100)
    await providerAnswered
    await stopPayment(first)
    const { rows } = await s.pglite.query<{ status: string }>('SELECT status FROM payment.payments WHERE order_id = $1', [orderId])
    expect(rows).toEqual([{ status: 'pending' }])
    expect(await simulatorChargesFor(s, orderId)).toHaveLength(1)

    const survivor = countingProvider()
    const second = await start({ ...FAST, worker: shortLease, wrapProvider: survivor.wrap })
    const payment = await paymentWhen(second, admin, orderId, (p) => p.status === 'authorized')

    expect(survivor.calls.authorize).toBe(1)
    expect([...doomed.byKey.keys()]).toEqual([`authorize:${payment.id}`])
    expect([...survivor.byKey.keys()]).toEqual([`authorize:${payment.id}`])
    expect(await replaysOf(`authorize:${payment.id}`)).toBe(1)
    expect(await simulatorChargesFor(s, orderId)).toEqual([{ status: 'requires_capture', captured_minor: 0, refunded_minor: 0 }])
    await eventually(async () => (await sent(s, 'payment.authorized', orderId)).length === 1, 5_000, 'payment.authorized')
    expect(await sent(s, 'payment.authorized', orderId)).toHaveLength(1)
  })

  it('when recording fails after the provider captured (a crash between call and record), then the retry under the same key captures nothing more and payment.captured is sent once', async () => {
    customer = await newCustomer(s)
    let crashes = 1
    const counter = countingProvider((method) => {
      if (method === 'capture' && crashes-- > 0) throw new Error('process crashed after the provider answered')
    })
    const pay = await start({ ...FAST, wrapProvider: counter.wrap })
    const methodId = await tokenize(pay, customer, CARDS.ok)
    const orderId = await authorize(pay, customer, methodId, 900)
    await paymentWhen(pay, admin, orderId, (p) => p.status === 'authorized')
    await send(pay, 'payment.capture', { orderId })
    const payment = await paymentWhen(pay, admin, orderId, (p) => p.status === 'captured')

    expect(counter.byKey.get(`capture:${payment.id}`)).toBe(2)
    expect(await replaysOf(`capture:${payment.id}`)).toBe(1)
    expect(await simulatorChargesFor(s, orderId)).toEqual([{ status: 'succeeded', captured_minor: 900, refunded_minor: 0 }])
    expect(payment.events.map((e) => e.type)).toContain('attempt_failed')
    expect(await sent(s, 'payment.captured', orderId)).toHaveLength(1)
  })

  it('when a refund crashes after the provider refunded, then the retry refunds nothing more', async () => {
    customer = await newCustomer(s)
    let crashes = 1
    const counter = countingProvider((method) => {
      if (method === 'refund' && crashes-- > 0) throw new Error('process crashed after the provider answered')
    })
    const pay = await start({ ...FAST, wrapProvider: counter.wrap })
    const methodId = await tokenize(pay, customer, CARDS.ok)
    const orderId = await authorize(pay, customer, methodId, 1000)
    await paymentWhen(pay, admin, orderId, (p) => p.status === 'authorized')
    await send(pay, 'payment.capture', { orderId })
    await paymentWhen(pay, admin, orderId, (p) => p.status === 'captured')
    const refundId = uuidv7()
    await send(pay, 'payment.refund', { orderId, refundId, amount: usd(400), reason: 'return' })
    const payment = await paymentWhen(pay, admin, orderId, (p) => p.status === 'partially_refunded')

    expect(counter.byKey.get(`refund:${refundId}`)).toBe(2)
    expect(payment.refunded).toEqual(usd(400))
    expect(await simulatorChargesFor(s, orderId)).toEqual([{ status: 'succeeded', captured_minor: 1000, refunded_minor: 400 }])
    expect(await sent(s, 'payment.refunded', orderId)).toEqual([expect.objectContaining({ refundId, amount: usd(400), refundedTotal: usd(400), status: 'partially_refunded' })])
  })
})

describe('provider trouble', () => {
  it('when the provider fails twice with a network error, then the third attempt authorizes, and the history shows the attempts', async () => {
    customer = await newCustomer(s)
    let failures = 2
    const counter = countingProvider()
    const flaky = countingProvider()
    const pay = await start({
      ...FAST,
      wrapProvider: (inner) => {
        const counted = counter.wrap(inner)
        return flaky.wrap(
          delegate(counted, {
            authorize: async (...args) => {
              if (failures-- > 0) throw new ProviderError('processor_unavailable', 'connection reset', true)
              return counted.authorize(...args)
            },
          }),
        )
      },
    })
    const methodId = await tokenize(pay, customer, CARDS.ok)
    const orderId = await authorize(pay, customer, methodId)
    const payment = await paymentWhen(pay, admin, orderId, (p) => p.status !== 'pending')
    expect(payment.status).toBe('authorized')
    expect(payment.events.filter((e) => e.type === 'attempt_failed')).toHaveLength(2)
    expect(counter.calls.authorize).toBe(1)
    expect(flaky.byKey.get(`authorize:${payment.id}`)).toBe(3)
  })

  it('when the provider never answers usefully, then after the last attempt the payment fails with processor_error', async () => {
    customer = await newCustomer(s)
    const pay = await start({
      ...FAST,
      wrapProvider: (inner) =>
        delegate(inner, {
          authorize: async () => {
            throw new ProviderError('processor_unavailable', 'The provider is down.', true)
          },
        }),
    })
    const methodId = await tokenize(pay, customer, CARDS.ok)
    const orderId = await authorize(pay, customer, methodId)
    const payment = await paymentWhen(pay, admin, orderId, (p) => p.status !== 'pending')
    expect(payment).toMatchObject({ status: 'failed', failure: { reason: 'processor_error', message: 'The provider is down.' } })
    expect(payment.events.filter((e) => e.type === 'attempt_failed')).toHaveLength(3)
    expect(await sent(s, 'payment.failed', orderId)).toEqual([expect.objectContaining({ reason: 'processor_error' })])
  })
})
