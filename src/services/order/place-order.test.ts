import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { EXPRESS_SHIPPING, type StandIns, startStandIns } from './order.fixtures.ts'
import { ORDER_NUMBER_PATTERN } from './order.rules.ts'
import {
  ADDRESS,
  call,
  CARD,
  checkoutBody,
  type Customer,
  line,
  newCustomer,
  orderTestEnv,
  type OrderView,
  place,
  sent,
} from './order.test-kit.ts'

let s: TestServices
let standIns: StandIns
let buyer: Customer

beforeAll(async () => {
  standIns = await startStandIns()
  s = await startTestServices(['identity', 'order'], { env: orderTestEnv(standIns) })
})
afterAll(async () => {
  await s?.stop()
  await standIns?.close()
})
beforeEach(async () => {
  standIns.reset()
  buyer = await newCustomer(s)
})

async function ordersOf(customerId: string): Promise<number> {
  const { rows } = await s.pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM ordering.orders WHERE customer_id = $1', [customerId])
  return rows[0]?.n ?? 0
}

function expectProblem(res: { statusCode: number; headers: Record<string, unknown> }, status: number): void {
  expect(res.statusCode).toBe(status)
  expect(res.headers['content-type']).toContain('application/problem+json')
}

describe('placing an order', () => {
  it('when a customer checks out, then 202 pending with the server’s totals and inventory.reserve in the outbox', async () => {
    const mug = line(1250, 2)
    const tea = line(399, 3)
    standIns.carts.set(buyer.id, [mug, tea])
    const res = await place(s, buyer.token, checkoutBody({ total: { amount: 1, currency: 'USD' }, items: [{ variantId: mug.variantId, unitPrice: 1 }] }))

    expect(res.statusCode, res.body).toBe(202)
    const order = res.json<OrderView>()
    expect(order).toMatchObject({
      status: 'pending',
      cancellationReason: null,
      customerId: buyer.id,
      email: buyer.email,
      subtotal: { amount: 2500 + 1197, currency: 'USD' },
      shippingTotal: { amount: 500, currency: 'USD' },
      total: { amount: 3697 + 500, currency: 'USD' },
      payment: { status: 'pending', brand: 'visa', last4: '4242', refunded: { amount: 0, currency: 'USD' } },
      shippingAddress: { ...ADDRESS, country: 'US', line2: null, phone: null },
      shippingMethod: { id: '0195f7a0-0000-7000-8000-000000000001', name: 'Standard', carrier: 'USPS', estimatedDays: { min: 3, max: 5 } },
      history: [{ status: 'pending' }],
      returns: [],
    })
    expect(order.number).toMatch(ORDER_NUMBER_PATTERN)
    expect(order.items).toEqual([
      { variantId: mug.variantId, productId: mug.productId, sku: mug.sku, name: mug.name, unitPrice: { amount: 1250, currency: 'USD' }, quantity: 2, lineTotal: { amount: 2500, currency: 'USD' } },
      { variantId: tea.variantId, productId: tea.productId, sku: tea.sku, name: tea.name, unitPrice: { amount: 399, currency: 'USD' }, quantity: 3, lineTotal: { amount: 1197, currency: 'USD' } },
    ])

    expect(await sent(s, 'inventory.reserve', order.id)).toEqual([
      { orderId: order.id, lines: [{ sku: mug.sku, quantity: 2 }, { sku: tea.sku, quantity: 3 }], ttlSeconds: 6 * s.config.order.stepTimeoutSeconds },
    ])
    const { rows } = await s.pglite.query<{ saga_step: string; in_time: boolean }>(
      `SELECT saga_step, step_deadline BETWEEN now() + interval '20 seconds' AND now() + interval '31 seconds' AS in_time FROM ordering.orders WHERE id = $1`,
      [order.id],
    )
    expect(rows).toEqual([{ saga_step: 'reserving', in_time: true }])
  })

  it('when it asks the other services, then it forwards the caller’s token, quotes the cart’s items to the address, and keeps no card number', async () => {
    const mug = line(1250, 2)
    standIns.carts.set(buyer.id, [mug])
    const res = await place(s, buyer.token)
    expect(res.statusCode, res.body).toBe(202)
    const bearer = `Bearer ${buyer.token}`
    expect(standIns.received.map((r) => `${r.service} ${r.method} ${r.url}`).sort()).toEqual(
      ['cart POST /internal/cart/checkouts', 'payment POST /api/payments/methods', 'shipping POST /api/shipping/quote'].sort(),
    )
    expect(standIns.received.every((r) => r.authorization === bearer)).toBe(true)
    expect(standIns.received.find((r) => r.service === 'shipping')?.body).toEqual({
      address: { country: 'US', postalCode: '97205' },
      items: [{ variantId: mug.variantId, quantity: 2 }],
    })
    expect(standIns.received.find((r) => r.service === 'payment')?.body).toEqual({ cardNumber: CARD.cardNumber, expMonth: 12, expYear: 2099, cvc: '123' })
    const { rows } = await s.pglite.query<{ found: boolean }>(
      `SELECT position($2 in o::text) > 0 OR position($3 in o::text) > 0 AS found FROM ordering.orders o WHERE id = $1`,
      [res.json<OrderView>().id, CARD.cardNumber, '"cvc"'],
    )
    expect(rows).toEqual([{ found: false }])
  })

  it('when a shipping method other than the first is chosen, then its price is the shipping total', async () => {
    standIns.carts.set(buyer.id, [line(1000)])
    const res = await place(s, buyer.token, checkoutBody({ shippingMethodId: EXPRESS_SHIPPING.methodId }))
    expect(res.statusCode, res.body).toBe(202)
    expect(res.json<OrderView>()).toMatchObject({ shippingTotal: { amount: 1500 }, total: { amount: 2500 } })
  })

  it('when the address comes from the address book, then its snapshot is kept on the order', async () => {
    const saved = await s.get('identity').app.inject({
      method: 'POST',
      url: '/api/auth/me/addresses',
      headers: { authorization: `Bearer ${buyer.token}` },
      payload: { fullName: 'Grace Hopper', line1: '1 Navy Yard', city: 'Arlington', postalCode: '22202', country: 'US' },
    })
    expect(saved.statusCode, saved.body).toBe(201)
    standIns.carts.set(buyer.id, [line(1000)])
    const res = await place(s, buyer.token, checkoutBody({ shippingAddress: undefined, shippingAddressId: saved.json<{ id: string }>().id }))
    expect(res.statusCode, res.body).toBe(202)
    expect(res.json<OrderView & { shippingAddress: unknown }>().shippingAddress).toMatchObject({ fullName: 'Grace Hopper', postalCode: '22202', country: 'US' })
  })

  it('when the address id is not in the caller’s address book, then 422 naming shippingAddressId', async () => {
    standIns.carts.set(buyer.id, [line(1000)])
    const res = await place(s, buyer.token, checkoutBody({ shippingAddress: undefined, shippingAddressId: randomUUID() }))
    expectProblem(res, 422)
    expect(res.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path)).toEqual(['shippingAddressId'])
    expect(await ordersOf(buyer.id)).toBe(0)
  })

  it('when a line shows as unavailable in the cart, then the order is still placed: the reservation decides', async () => {
    standIns.carts.set(buyer.id, [line(1000, 5, { available: 0 })])
    expect((await place(s, buyer.token)).statusCode).toBe(202)
  })
})

describe('refusing an order', () => {
  it('when the cart is empty, then 422 problem and nothing is written', async () => {
    const res = await place(s, buyer.token)
    expectProblem(res, 422)
    expect(res.json<{ code: string }>().code).toBe('cart_empty')
    expect(await ordersOf(buyer.id)).toBe(0)
  })

  it('when a line’s variant is no longer sold, then 409 naming its sku', async () => {
    const gone = line(1000, 1, { sellable: false })
    standIns.carts.set(buyer.id, [line(500), gone])
    const res = await place(s, buyer.token)
    expectProblem(res, 409)
    expect(res.json<{ detail: string }>().detail).toContain(gone.sku)
    expect(await ordersOf(buyer.id)).toBe(0)
  })

  it('when a price is in another currency, then 409', async () => {
    standIns.carts.set(buyer.id, [line(1000, 1, { unitPrice: { amount: 1000, currency: 'EUR' } })])
    expectProblem(await place(s, buyer.token), 409)
  })

  it('when the chosen shipping method is not offered for the address, then 422 naming shippingMethodId', async () => {
    standIns.carts.set(buyer.id, [line(1000)])
    const res = await place(s, buyer.token, checkoutBody({ shippingMethodId: randomUUID() }))
    expectProblem(res, 422)
    expect(res.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path)).toEqual(['shippingMethodId'])
  })

  it('when the payment service refuses the card, then its problem comes back with the fields under payment', async () => {
    standIns.carts.set(buyer.id, [line(1000)])
    standIns.paymentMethodAnswer = {
      status: 400,
      body: { type: 'x', title: 'Bad Request', status: 400, code: 'validation_failed', detail: 'The card number is not valid.', errors: [{ path: 'cardNumber', message: 'Fails the Luhn check' }] },
    }
    const res = await place(s, buyer.token)
    expectProblem(res, 400)
    expect(res.json()).toMatchObject({ detail: 'The card number is not valid.', errors: [{ path: 'payment.cardNumber', message: 'Fails the Luhn check' }] })
    expect(await ordersOf(buyer.id)).toBe(0)
  })

  it.each(['cart', 'payment', 'shipping'] as const)('when the %s service is down, then 503 problem and nothing is written', async (service) => {
    standIns.carts.set(buyer.id, [line(1000)])
    standIns.down.add(service)
    const res = await place(s, buyer.token)
    expectProblem(res, 503)
    expect(await ordersOf(buyer.id)).toBe(0)
  })

  it('when the shipping service answers 500, then 503 and the same key may be tried again once it is back', async () => {
    standIns.carts.set(buyer.id, [line(1000)])
    standIns.quoteAnswer = { status: 500, body: { title: 'boom' } }
    const key = randomUUID()
    expectProblem(await place(s, buyer.token, checkoutBody(), key), 503)
    standIns.quoteAnswer = undefined
    expect((await place(s, buyer.token, checkoutBody(), key)).statusCode).toBe(202)
    expect(await ordersOf(buyer.id)).toBe(1)
  })
})

describe('one checkout per cart', () => {
  it('when four placements from one cart race, each with its own key, then one order is placed and the others answer 409 checkout_in_progress', async () => {
    standIns.carts.set(buyer.id, [line(1000)])
    const answers = await Promise.all(Array.from({ length: 4 }, () => place(s, buyer.token, checkoutBody(), randomUUID())))
    expect(answers.map((a) => a.statusCode).sort()).toEqual([202, 409, 409, 409])
    for (const refused of answers.filter((a) => a.statusCode === 409)) {
      expectProblem(refused, 409)
      expect(refused.json<{ code: string }>().code).toBe('checkout_in_progress')
    }
    expect(await ordersOf(buyer.id)).toBe(1)
  })

  it('while an order from the cart is pending, then a new placement with another key is refused, whatever its key', async () => {
    standIns.carts.set(buyer.id, [line(1000)])
    expect((await place(s, buyer.token, checkoutBody(), randomUUID())).statusCode).toBe(202)
    const again = await place(s, buyer.token, checkoutBody(), randomUUID())
    expectProblem(again, 409)
    expect(again.json<{ code: string }>().code).toBe('checkout_in_progress')
  })

  it('when a placement is refused after the cart was taken, then the cart is let go and a corrected placement goes through', async () => {
    standIns.carts.set(buyer.id, [line(1000)])
    expectProblem(await place(s, buyer.token, checkoutBody({ shippingMethodId: randomUUID() }), randomUUID()), 422)
    await expect.poll(() => standIns.holds.get(buyer.id), { timeout: 2000 }).toBeUndefined()
    expect((await place(s, buyer.token, checkoutBody(), randomUUID())).statusCode).toBe(202)
  })

  it('when the same key is sent again after the first placement, then the order id it names is the same', async () => {
    standIns.carts.set(buyer.id, [line(1000)])
    const key = randomUUID()
    const first = await place(s, buyer.token, checkoutBody(), key)
    expect(standIns.holds.get(buyer.id)).toBe(first.json<OrderView>().id)
  })
})

describe('Idempotency-Key', () => {
  it('when the header is missing, then 400 and nothing is written', async () => {
    standIns.carts.set(buyer.id, [line(1000)])
    const res = await call(s, 'POST', '/api/orders', { token: buyer.token, body: checkoutBody() })
    expectProblem(res, 400)
    expect(await ordersOf(buyer.id)).toBe(0)
  })

  it('when the same key is sent twice, then one order: the second answer is the first, replayed', async () => {
    standIns.carts.set(buyer.id, [line(1000)])
    const key = randomUUID()
    const first = await place(s, buyer.token, checkoutBody(), key)
    const second = await place(s, buyer.token, checkoutBody(), key)
    expect(first.statusCode).toBe(202)
    expect(second.statusCode).toBe(202)
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(second.json<OrderView>().id).toBe(first.json<OrderView>().id)
    expect(await ordersOf(buyer.id)).toBe(1)
    expect(await sent(s, 'inventory.reserve', first.json<OrderView>().id)).toHaveLength(1)
  })

  it('when the same key comes with another body, then 422', async () => {
    standIns.carts.set(buyer.id, [line(1000)])
    const key = randomUUID()
    expect((await place(s, buyer.token, checkoutBody(), key)).statusCode).toBe(202)
    expectProblem(await place(s, buyer.token, checkoutBody({ shippingMethodId: EXPRESS_SHIPPING.methodId }), key), 422)
    expect(await ordersOf(buyer.id)).toBe(1)
  })
})
