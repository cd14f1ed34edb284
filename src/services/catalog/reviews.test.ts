import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { ADMIN_ENV, adminToken, call, createProduct, customer, ok, type ProductOut } from './catalog.test-kit.ts'

describe('reviews', () => {
  let s: TestServices
  let admin: string
  beforeAll(async () => {
    s = await startTestServices(['identity', 'catalog'], { env: ADMIN_ENV })
    admin = await adminToken(s)
  })
  afterAll(() => s.stop())

  /** What the order service announces when the order reaches the customer. */
  const deliver = (customerId: string, productId: string) =>
    s.get('catalog').consumer.handle({
      id: uuidv7(),
      type: 'order.delivered',
      occurredAt: new Date().toISOString(),
      source: 'order',
      correlationId: uuidv7(),
      causationId: null,
      traceparent: null,
      payload: {
        orderId: uuidv7(),
        number: 'EMP-K7M-3XR',
        customerId,
        email: 'buyer@example.com',
        lines: [{ variantId: uuidv7(), productId, sku: 'ANY-SKU', name: 'Bought', quantity: 1, unitPrice: { amount: 500, currency: 'USD' } }],
        deliveredAt: new Date().toISOString(),
      },
    })

  it('when the customer has no delivered order with the product, then reviewing it is 403', async () => {
    const product = await createProduct(s, admin)
    const shopper = await customer(s)
    const res = await call(s, 'POST', `/api/products/${product.id}/reviews`, { token: shopper.token, body: { rating: 5 } })
    expect(res.statusCode).toBe(403)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect((await call(s, 'POST', `/api/products/${product.id}/reviews`, { body: { rating: 5 } })).statusCode).toBe(401)
  })

  it('when eligible customers review, then 201, a second review by the same customer is 409, and the rating follows', async () => {
    const product = await createProduct(s, admin)
    const [ann, bob, cy] = [await customer(s), await customer(s), await customer(s)]
    for (const c of [ann, bob, cy]) await deliver(c.id, product.id)

    const first = await ok(call(s, 'POST', `/api/products/${product.id}/reviews`, { token: ann.token, body: { rating: 5, title: 'Great', body: 'Love it' } }), 201)
    expect(first).toMatchObject({ productId: product.id, rating: 5, title: 'Great', body: 'Love it' })
    await ok(call(s, 'POST', `/api/products/${product.id}/reviews`, { token: bob.token, body: { rating: 4 } }), 201)
    await ok(call(s, 'POST', `/api/products/${product.id}/reviews`, { token: cy.token, body: { rating: 4 } }), 201)
    const again = await call(s, 'POST', `/api/products/${product.id}/reviews`, { token: ann.token, body: { rating: 1 } })
    expect(again.statusCode).toBe(409)

    const seen = await ok<ProductOut>(call(s, 'GET', `/api/products/${product.id}`))
    expect(seen.rating).toEqual({ average: 4.3, count: 3 })
    const reviews = await ok<{ items: Array<{ rating: number; title: string | null }>; total: number }>(
      call(s, 'GET', `/api/products/${product.id}/reviews?pageSize=2`),
    )
    expect(reviews.total).toBe(3)
    expect(reviews.items).toHaveLength(2)
    expect(JSON.stringify(reviews)).not.toContain(ann.id)
  })

  it('when the product is a draft or unknown, then its reviews are 404', async () => {
    const draft = await createProduct(s, admin, { status: 'draft' })
    expect((await call(s, 'GET', `/api/products/${draft.id}/reviews`)).statusCode).toBe(404)
    expect((await call(s, 'GET', '/api/products/0190a0a0-0000-7000-8000-000000000000/reviews')).statusCode).toBe(404)
    const shopper = await customer(s)
    await deliver(shopper.id, draft.id)
    expect((await call(s, 'POST', `/api/products/${draft.id}/reviews`, { token: shopper.token, body: { rating: 3 } })).statusCode).toBe(404)
  })

  it('when the rating is out of 1..5 or not a whole number, then 400', async () => {
    const product = await createProduct(s, admin)
    const shopper = await customer(s)
    await deliver(shopper.id, product.id)
    for (const rating of [0, 6, 3.5, '5', null]) {
      const res = await call(s, 'POST', `/api/products/${product.id}/reviews`, { token: shopper.token, body: { rating } })
      expect(res.statusCode, String(rating)).toBe(400)
    }
  })
})
