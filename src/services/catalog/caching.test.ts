import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { ADMIN_ENV, adminToken, call, createCategory, createProduct, customer, ok, type ProductOut, stock, unique } from './catalog.test-kit.ts'

describe('public answers: ETag, Cache-Control and the in-process cache', () => {
  let s: TestServices
  let admin: string
  beforeAll(async () => {
    s = await startTestServices(['identity', 'catalog'], { env: { ...ADMIN_ENV, CATALOG_CACHE_SECONDS: '60' } })
    admin = await adminToken(s)
  })
  afterAll(() => s.stop())

  it('when a public read is asked again with its ETag, then 304 without a body; a stale ETag gets the full answer', async () => {
    const product = await createProduct(s, admin)
    const c = await createCategory(s, admin, { name: `Cached ${unique()}` })
    for (const url of [`/api/products/${product.id}`, `/api/products/by-slug/${product.slug}`, '/api/products?pageSize=5', '/api/categories', `/api/products/${product.id}/reviews`, `/api/products?category=${c.id}`]) {
      const first = await call(s, 'GET', url)
      expect(first.statusCode, url).toBe(200)
      expect(first.headers['content-type']).toContain('application/json')
      expect(first.headers['cache-control']).toBe('public, max-age=60')
      expect(first.headers.vary, 'a Vary header keeps shared caches from storing it').toBeUndefined()
      const etag = first.headers.etag as string
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/)

      const again = await call(s, 'GET', url, { headers: { 'if-none-match': etag } })
      expect(again.statusCode, url).toBe(304)
      expect(again.body).toBe('')
      expect(again.headers.etag).toBe(etag)
      expect((await call(s, 'GET', url, { headers: { 'if-none-match': `"stale", W/${etag}` } })).statusCode).toBe(304)
      expect((await call(s, 'GET', url, { headers: { 'if-none-match': '"stale"' } })).body).toBe(first.body)
    }
  })

  it('when a customer reads, then the answer is the public one; when an admin reads, then it is private, no-store', async () => {
    const product = await createProduct(s, admin)
    const shopper = await customer(s)
    const anonymous = await call(s, 'GET', `/api/products/${product.id}`)
    const asCustomer = await call(s, 'GET', `/api/products/${product.id}`, { token: shopper.token })
    expect(asCustomer.headers['cache-control']).toBe('public, max-age=60')
    expect(asCustomer.headers.etag).toBe(anonymous.headers.etag)
    for (const url of [`/api/products/${product.id}`, '/api/products', '/api/categories', `/api/products/${product.id}/reviews`]) {
      const asAdmin = await call(s, 'GET', url, { token: admin })
      expect(asAdmin.statusCode).toBe(200)
      expect(asAdmin.headers['cache-control']).toBe('private, no-store')
      expect(asAdmin.headers.etag).toBeUndefined()
    }
  })

  it('when an admin changes a product, then the next public read on this process shows the change at once', async () => {
    const product = await createProduct(s, admin, { name: `Before ${unique()}` })
    const listUrl = `/api/products?q=${encodeURIComponent(product.name)}`
    const before = await call(s, 'GET', `/api/products/${product.id}`)
    expect((await ok<{ items: ProductOut[] }>(call(s, 'GET', listUrl))).items.map((p) => p.id)).toEqual([product.id])

    await ok(call(s, 'PATCH', `/api/products/${product.id}`, { token: admin, body: { description: 'Changed' } }))
    const after = await call(s, 'GET', `/api/products/${product.id}`, { headers: { 'if-none-match': before.headers.etag as string } })
    expect(after.statusCode).toBe(200)
    expect(after.json<ProductOut>().description).toBe('Changed')
    expect(after.headers.etag).not.toBe(before.headers.etag)
    expect((await ok<{ items: ProductOut[] }>(call(s, 'GET', listUrl))).items[0]?.description).toBe('Changed')

    await ok(call(s, 'DELETE', `/api/products/${product.id}`, { token: admin }))
    expect((await call(s, 'GET', `/api/products/${product.id}`)).statusCode).toBe(404)
    expect((await ok<{ items: ProductOut[] }>(call(s, 'GET', listUrl))).items.map((p) => p.id)).not.toContain(product.id)
  })

  it('when inventory reports new stock, then the cached answer is dropped and the new availability shows', async () => {
    const product = await createProduct(s, admin)
    const sku = product.variants[0]?.sku as string
    expect((await ok<ProductOut>(call(s, 'GET', `/api/products/${product.id}`))).variants[0]?.available).toBe(0)
    await stock(s, sku, 12, 1)
    expect((await ok<ProductOut>(call(s, 'GET', `/api/products/${product.id}`))).variants[0]?.available).toBe(12)
  })

  it('when the same answer is asked with its query in another order, then it is the same cached answer', async () => {
    const a = await call(s, 'GET', '/api/products?sort=newest&pageSize=3')
    const b = await call(s, 'GET', '/api/products?pageSize=3&sort=newest&utm=x')
    expect(b.headers.etag).toBe(a.headers.etag)
  })
})

describe('public answers when caching is off', () => {
  let s: TestServices
  beforeAll(async () => {
    s = await startTestServices(['identity', 'catalog'], { env: { ...ADMIN_ENV, CATALOG_CACHE_SECONDS: '0' } })
  })
  afterAll(() => s.stop())

  it('when CATALOG_CACHE_SECONDS is 0, then answers say no-cache and still carry an ETag that gives 304', async () => {
    const first = await call(s, 'GET', '/api/categories')
    expect(first.headers['cache-control']).toBe('no-cache')
    const again = await call(s, 'GET', '/api/categories', { headers: { 'if-none-match': first.headers.etag as string } })
    expect(again.statusCode).toBe(304)
  })
})
