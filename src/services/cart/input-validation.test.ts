import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { call, type Customer, expectCart, listProduct, newCustomer, quantities, type TestProduct } from './cart.test-kit.ts'

let s: TestServices
let customer: Customer
let product: TestProduct
let guestCartId: string

beforeAll(async () => {
  s = await startTestServices(['identity', 'cart'])
  customer = await newCustomer(s)
  product = await listProduct(s, 10)
  const res = await call(s, 'POST', '/api/cart/items', { body: { variantId: product.variants[0]?.variantId, quantity: 1 } })
  guestCartId = res.headers['x-cart-id'] as string
})
afterAll(() => s.stop())

function expectProblem(res: { statusCode: number; headers: Record<string, unknown> }, status: number): void {
  expect(res.statusCode).toBe(status)
  expect(res.headers['content-type']).toContain('application/problem+json')
}

interface Problem {
  code: string
  errors?: Array<{ path: string }>
}

const variantId = () => product.variants[0]?.variantId as string

describe('bad input to the cart', () => {
  it.each([
    [{ variantId: 'abc', quantity: 1 }, 'variantId'],
    [{ quantity: 1 }, 'variantId'],
    [{ variantId: '__V__', quantity: 0 }, 'quantity'],
    [{ variantId: '__V__', quantity: -2 }, 'quantity'],
    [{ variantId: '__V__', quantity: 1.5 }, 'quantity'],
    [{ variantId: '__V__', quantity: '2' }, 'quantity'],
    [{ variantId: '__V__', quantity: 1000 }, 'quantity'],
    [{ variantId: '__V__' }, 'quantity'],
  ])('when an add is %j, then 400 validation_failed naming %s', async (body, path) => {
    const withId = { ...body, ...('variantId' in body && body.variantId === '__V__' ? { variantId: variantId() } : {}) }
    const res = await call(s, 'POST', '/api/cart/items', { cartId: guestCartId, body: withId })
    expectProblem(res, 400)
    const problem = res.json<Problem>()
    expect(problem.code).toBe('validation_failed')
    expect(problem.errors?.map((e) => e.path)).toContain(path)
  })

  it.each([[{ quantity: -1 }], [{ quantity: 1000 }], [{ quantity: 2.5 }], [{ quantity: 'one' }], [{}]])('when a line is set to %j, then 400', async (body) => {
    expectProblem(await call(s, 'PATCH', `/api/cart/items/${variantId()}`, { cartId: guestCartId, body }), 400)
  })

  it('when a body is not JSON, not an object, or not JSON at all, then 4xx problem, never 500', async () => {
    const raw = (url: string, method: 'POST' | 'PATCH', payload: string, contentType = 'application/json') =>
      s.get('cart').app.inject({ method, url, payload, headers: { 'content-type': contentType, 'x-cart-id': guestCartId } })
    for (const [url, method] of [
      ['/api/cart/items', 'POST'],
      [`/api/cart/items/${variantId()}`, 'PATCH'],
    ] as const) {
      expectProblem(await raw(url, method, '{"quantity": 1,'), 400)
      expectProblem(await raw(url, method, '[]'), 400)
      expectProblem(await raw(url, method, 'null'), 400)
      expectProblem(await raw(url, method, '<quantity/>', 'application/xml'), 415)
    }
    const merge = await s.get('cart').app.inject({
      method: 'POST',
      url: '/api/cart/merge',
      payload: '{',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${customer.token}` },
    })
    expectProblem(merge, 400)
  })

  it('when a variant id in the path is not a UUID, then 400 on every line route', async () => {
    for (const bad of ['abc', '123', `${variantId()}x`]) {
      expectProblem(await call(s, 'PATCH', `/api/cart/items/${bad}`, { cartId: guestCartId, body: { quantity: 1 } }), 400)
      expectProblem(await call(s, 'DELETE', `/api/cart/items/${bad}`, { cartId: guestCartId }), 400)
    }
  })

  it('when X-Cart-Id is malformed, then 400 naming the header on every cart route, and nothing changes', async () => {
    const routes = [
      ['GET', '/api/cart', undefined],
      ['POST', '/api/cart/items', { variantId: variantId(), quantity: 1 }],
      ['PATCH', `/api/cart/items/${variantId()}`, { quantity: 2 }],
      ['DELETE', `/api/cart/items/${variantId()}`, undefined],
      ['DELETE', '/api/cart', undefined],
    ] as const
    for (const bad of ['not-a-uuid', `${guestCartId}0`, "'; DROP TABLE cart.carts; --"]) {
      for (const [method, url, body] of routes) {
        const res = await call(s, method, url, { cartId: bad, body })
        expectProblem(res, 400)
        expect(res.json<Problem>().errors?.map((e) => e.path)).toContain('headers.x-cart-id')
      }
    }
    expect(quantities(await expectCart(s, 'GET', '/api/cart', { cartId: guestCartId }))).toEqual({ [variantId()]: 1 })
  })

  it('when a bearer token is malformed or not valid, then 401 even on routes a guest may use', async () => {
    for (const headers of [{ authorization: 'Bearer not-a-jwt' }, { authorization: 'Basic abc' }]) {
      expectProblem(await call(s, 'GET', '/api/cart', { headers }), 401)
      expectProblem(await call(s, 'POST', '/api/cart/items', { headers, body: { variantId: variantId(), quantity: 1 } }), 401)
    }
  })

  it('when merge or the wishlist is called without a token, then 401', async () => {
    expectProblem(await call(s, 'POST', '/api/cart/merge', { cartId: guestCartId, body: { cartId: guestCartId } }), 401)
    expectProblem(await call(s, 'GET', '/api/wishlist'), 401)
    expectProblem(await call(s, 'POST', '/api/wishlist', { body: { productId: product.productId } }), 401)
    expectProblem(await call(s, 'DELETE', `/api/wishlist/${product.productId}`), 401)
    expectProblem(await call(s, 'GET', '/api/wishlist', { token: 'not-a-jwt' }), 401)
    // The guest cart was not merged anywhere.
    expect((await expectCart(s, 'GET', '/api/cart', { cartId: guestCartId })).items).toHaveLength(1)
  })

  it('when a merge body is off-contract, then 400', async () => {
    for (const body of [{}, { cartId: 'abc' }, { cartId: 42 }, { cartId: null }]) {
      expectProblem(await call(s, 'POST', '/api/cart/merge', { token: customer.token, body }), 400)
    }
  })

  it('when a wishlist body, path or query is off-contract, then 400', async () => {
    for (const body of [{}, { productId: 'abc' }, { productId: 7 }]) {
      expectProblem(await call(s, 'POST', '/api/wishlist', { token: customer.token, body }), 400)
    }
    expectProblem(await call(s, 'DELETE', '/api/wishlist/not-a-uuid', { token: customer.token }), 400)
    for (const url of ['/api/wishlist?page=0', '/api/wishlist?pageSize=101', '/api/wishlist?pageSize=abc']) {
      expectProblem(await call(s, 'GET', url, { token: customer.token }), 400)
    }
  })

  it('when ids are well-formed but unknown, then 404, never 500', async () => {
    expectProblem(await call(s, 'POST', '/api/cart/items', { cartId: guestCartId, body: { variantId: uuidv7(), quantity: 1 } }), 404)
    expectProblem(await call(s, 'PATCH', `/api/cart/items/${uuidv7()}`, { cartId: guestCartId, body: { quantity: 1 } }), 404)
    expectProblem(await call(s, 'POST', '/api/wishlist', { token: customer.token, body: { productId: uuidv7() } }), 404)
  })

  it('when the OpenAPI document is read, then every cart and wishlist route is in it with a summary, and guests may call the cart without a token', async () => {
    const res = await s.get('cart').app.inject({ method: 'GET', url: '/docs/json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json<{ paths: Record<string, Record<string, { summary?: string; security?: unknown[] }>> }>()
    const routes = [
      ['/api/cart', 'get'],
      ['/api/cart', 'delete'],
      ['/api/cart/items', 'post'],
      ['/api/cart/items/{variantId}', 'patch'],
      ['/api/cart/items/{variantId}', 'delete'],
      ['/api/cart/merge', 'post'],
      ['/api/wishlist', 'get'],
      ['/api/wishlist', 'post'],
      ['/api/wishlist/{productId}', 'delete'],
    ] as const
    for (const [path, method] of routes) expect(doc.paths[path]?.[method]?.summary, `${method} ${path}`).toBeTruthy()
    expect(doc.paths['/api/cart']?.get?.security).toEqual([{}, { bearerAuth: [] }])
    expect(doc.paths['/api/cart/merge']?.post?.security).toEqual([{ bearerAuth: [] }])
  })
})
