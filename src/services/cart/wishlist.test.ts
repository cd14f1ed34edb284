import { v4 as uuidv4 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { call, listProduct, newCustomer, newProduct, send, snapshotOf } from './cart.test-kit.ts'

let s: TestServices

beforeAll(async () => {
  s = await startTestServices(['identity', 'cart'])
})
afterAll(() => s.stop())

interface Wishlist {
  items: Array<{ productId: string; name: string; slug: string; addedAt: string; active: boolean; priceFrom: { amount: number; currency: string } | null }>
  total: number
  page: number
  pageSize: number
}

describe('the wishlist', () => {
  it('when a customer adds products, then the list shows them newest first with name, slug and price', async () => {
    const customer = await newCustomer(s)
    const first = await listProduct(s, 1, [500, 300])
    const second = await listProduct(s, 1, [900])
    const added = await call(s, 'POST', '/api/wishlist', { token: customer.token, body: { productId: first.productId } })
    expect(added.statusCode).toBe(201)
    expect(added.json<Wishlist>().items.map((i) => i.productId)).toEqual([first.productId])
    await call(s, 'POST', '/api/wishlist', { token: customer.token, body: { productId: second.productId } })

    const res = await call(s, 'GET', '/api/wishlist', { token: customer.token })
    expect(res.statusCode).toBe(200)
    const list = res.json<Wishlist>()
    expect(list).toMatchObject({ total: 2, page: 1, pageSize: 20 })
    expect(list.items.map((i) => i.productId)).toEqual([second.productId, first.productId])
    expect(list.items[1]).toMatchObject({ name: first.name, slug: first.slug, active: true, priceFrom: { amount: 300, currency: 'USD' } })
    expect(Number.isNaN(Date.parse(list.items[1]?.addedAt ?? ''))).toBe(false)
  })

  it('when a product is added twice, then the second add is a no-op answered 200 with the same list', async () => {
    const customer = await newCustomer(s)
    const p = await listProduct(s, 1)
    const first = await call(s, 'POST', '/api/wishlist', { token: customer.token, body: { productId: p.productId } })
    const again = await call(s, 'POST', '/api/wishlist', { token: customer.token, body: { productId: p.productId } })
    expect(first.statusCode).toBe(201)
    expect(again.statusCode).toBe(200)
    expect(again.json<Wishlist>()).toEqual(first.json<Wishlist>())
    expect(again.json<Wishlist>().total).toBe(1)
  })

  it('when the product is unknown or not sold, then 404', async () => {
    const customer = await newCustomer(s)
    const draft = newProduct([100], 'draft')
    await send(s, 'product.created', snapshotOf(draft))
    for (const productId of [uuidv4(), draft.productId]) {
      const res = await call(s, 'POST', '/api/wishlist', { token: customer.token, body: { productId } })
      expect(res.statusCode).toBe(404)
      expect(res.headers['content-type']).toContain('application/problem+json')
    }
  })

  it('when a product is removed, then 204 and it is gone; removing it again is also 204', async () => {
    const customer = await newCustomer(s)
    const p = await listProduct(s, 1)
    await call(s, 'POST', '/api/wishlist', { token: customer.token, body: { productId: p.productId } })
    expect((await call(s, 'DELETE', `/api/wishlist/${p.productId}`, { token: customer.token })).statusCode).toBe(204)
    expect((await call(s, 'GET', '/api/wishlist', { token: customer.token })).json<Wishlist>()).toMatchObject({ items: [], total: 0 })
    expect((await call(s, 'DELETE', `/api/wishlist/${p.productId}`, { token: customer.token })).statusCode).toBe(204)
  })

  it("when a wished-for product is deleted from the catalog, then it stays listed as inactive; and one customer's list is not another's", async () => {
    const customer = await newCustomer(s)
    const other = await newCustomer(s)
    const p = await listProduct(s, 1)
    await call(s, 'POST', '/api/wishlist', { token: customer.token, body: { productId: p.productId } })
    await send(s, 'product.deleted', { productId: p.productId, skus: p.variants.map((v) => v.sku) })
    const list = (await call(s, 'GET', '/api/wishlist', { token: customer.token })).json<Wishlist>()
    expect(list.items).toEqual([expect.objectContaining({ productId: p.productId, active: false })])
    expect((await call(s, 'GET', '/api/wishlist', { token: other.token })).json<Wishlist>().total).toBe(0)
  })

  it('when the wishlist pages, then page and pageSize hold', async () => {
    const customer = await newCustomer(s)
    for (let i = 0; i < 3; i++) {
      const p = await listProduct(s, 1)
      await call(s, 'POST', '/api/wishlist', { token: customer.token, body: { productId: p.productId } })
    }
    const page2 = (await call(s, 'GET', '/api/wishlist?page=2&pageSize=2', { token: customer.token })).json<Wishlist>()
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 })
    expect(page2.items).toHaveLength(1)
  })

  it('when the wishlist already holds 100 products, then adding another is 422 and re-adding one on it is still fine', async () => {
    const customer = await newCustomer(s)
    await s.pglite.query(
      `WITH made AS (
         INSERT INTO cart.products (product_id, name, slug, status, snapshot_at)
         SELECT gen_random_uuid(), 'Filler ' || n, 'filler-' || n || '-' || $2, 'active', now() FROM generate_series(1, 100) AS n
         RETURNING product_id)
       INSERT INTO cart.wishlist_items (customer_id, product_id) SELECT $1, product_id FROM made`,
      [customer.id, uuidv4()],
    )
    const p = await listProduct(s, 1)
    const res = await call(s, 'POST', '/api/wishlist', { token: customer.token, body: { productId: p.productId } })
    expect(res.statusCode).toBe(422)
    expect(res.json<{ code: string }>().code).toBe('wishlist_full')
    const list = (await call(s, 'GET', '/api/wishlist?pageSize=1', { token: customer.token })).json<Wishlist>()
    expect(list.total).toBe(100)
    const again = await call(s, 'POST', '/api/wishlist', { token: customer.token, body: { productId: list.items[0]?.productId } })
    expect(again.statusCode).toBe(200)
  })
})
