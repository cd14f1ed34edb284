import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { ADMIN_ENV, adminToken, call, createCategory, createProduct, customer, productBody, type ProductOut, type Reply, unique, uniqueSku, variant } from './catalog.test-kit.ts'

const MISSING = '0190a0a0-0000-7000-8000-000000000000'

describe('bad input to the catalog', () => {
  let s: TestServices
  let admin: string
  let shopper: string
  let product: ProductOut
  let category: { id: string }
  beforeAll(async () => {
    s = await startTestServices(['identity', 'catalog'], { env: ADMIN_ENV })
    admin = await adminToken(s)
    shopper = (await customer(s)).token
    product = await createProduct(s, admin)
    category = await createCategory(s, admin, { name: `Valid ${unique()}` })
  })
  afterAll(() => s.stop())

  function expectProblem(res: Reply, status: number, what: string): void {
    expect(res.statusCode, `${what}: ${res.body}`).toBe(status)
    expect(res.headers['content-type'], what).toContain('application/problem+json')
    expect(res.json(), what).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) })
  }

  const sized = { options: [{ name: 'Size', values: ['S', 'M'] }] }
  const badProducts: Array<[string, Record<string, unknown>, number, string?]> = [
    ['a name that is a number', { name: 42 }, 400, 'name'],
    ['an empty name', { name: '  ' }, 400, 'name'],
    ['variants that are not a list', { variants: 'many' }, 400, 'variants'],
    ['no variants', { variants: [] }, 400, 'variants'],
    ['a negative price', { variants: [variant(-1)] }, 400, 'variants.0.price.amount'],
    ['a fractional price', { variants: [variant(10.5)] }, 400, 'variants.0.price.amount'],
    ['a price given as a string', { variants: [variant(0, { price: { amount: '10', currency: 'USD' } })] }, 400, 'variants.0.price.amount'],
    ['another currency', { variants: [variant(100, { price: { amount: 100, currency: 'EUR' } })] }, 400, 'variants.0.price.currency'],
    ['a compare-at price equal to the price', { variants: [variant(100, { compareAtPrice: { amount: 100, currency: 'USD' } })] }, 400, 'variants.0.compareAtPrice'],
    ['a compare-at price below the price', { variants: [variant(100, { compareAtPrice: { amount: 50, currency: 'USD' } })] }, 400, 'variants.0.compareAtPrice'],
    ['a negative weight', { variants: [variant(100, { weightGrams: -5 })] }, 400, 'variants.0.weightGrams'],
    ['a negative opening stock', { variants: [variant(100, { initialStock: -1 })] }, 400, 'variants.0.initialStock'],
    ['a sku with spaces', { variants: [variant(100, { sku: 'has space' })] }, 400, 'variants.0.sku'],
    ['a sku that is too long', { variants: [variant(100, { sku: 'A'.repeat(65) })] }, 400, 'variants.0.sku'],
    ['an unknown status', { status: 'live' }, 400, 'status'],
    ['a category id that is not a uuid', { categoryId: 'teas' }, 400, 'categoryId'],
    ['an unknown category', { categoryId: MISSING }, 422, 'categoryId'],
    ['an ftp image', { images: [{ url: 'ftp://example.com/a.png' }] }, 400, 'images.0.url'],
    ['an image that is not a url', { images: [{ url: 'picture' }] }, 400, 'images.0.url'],
    ['a javascript: image', { images: [{ url: 'javascript:alert(1)' }] }, 400, 'images.0.url'],
    ['a protocol-relative image', { images: [{ url: '//evil.example.com/a.png' }] }, 400, 'images.0.url'],
    ['a bad slug', { slug: 'Not A Slug' }, 400, 'slug'],
    ['an undeclared option', { variants: [variant(100, { options: { Color: 'Red' } })] }, 400, 'variants.0.options.Color'],
    ['an undeclared value', { ...sized, variants: [variant(100, { options: { Size: 'XL' } })] }, 400, 'variants.0.options.Size'],
    ['a missing option', { ...sized, variants: [variant(100, { options: {} })] }, 400, 'variants.0.options.Size'],
    ['two variants with the same options', { ...sized, variants: [variant(1, { options: { Size: 'S' } }), variant(2, { options: { Size: 'S' } })] }, 400, 'variants.1.options'],
    ['two plain variants', { variants: [variant(1), variant(2)] }, 400, 'variants.1.options'],
    ['a NUL character in the name', { name: 'Tea\u0000' }, 400, 'name'],
    ['an unpaired surrogate in an image text', { images: [{ url: 'https://img.example.com/a.png', alt: 'a\udc00' }] }, 400, 'images.0.alt'],
    ['an option declared twice', { options: [{ name: 'Size', values: ['S'] }, { name: 'size', values: ['M'] }], variants: [variant(1, { options: { Size: 'S' } })] }, 400, 'options.1.name'],
  ]

  it.each(badProducts)('when a product has %s, then %i problem+json', async (what, overrides, status, path) => {
    const res = await call(s, 'POST', '/api/products', { token: admin, body: productBody(overrides) })
    expectProblem(res, status, what)
    if (path) expect(res.json<{ errors?: Array<{ path: string }> }>().errors?.map((e) => e.path), what).toContain(path)
  })

  it('when a sku repeats in one body or belongs to another product, then 409', async () => {
    const sku = uniqueSku()
    const twice = { options: [{ name: 'Size', values: ['S', 'M'] }], variants: [variant(1, { sku, options: { Size: 'S' } }), variant(2, { sku, options: { Size: 'M' } })] }
    expectProblem(await call(s, 'POST', '/api/products', { token: admin, body: productBody(twice) }), 409, 'sku twice in a body')
    const taken = productBody({ variants: [variant(1, { sku: product.variants[0]?.sku })] })
    expectProblem(await call(s, 'POST', '/api/products', { token: admin, body: taken }), 409, 'sku of another product')
    const patch = { variants: [variant(1, { sku: product.variants[0]?.sku })] }
    const other = await createProduct(s, admin)
    expectProblem(await call(s, 'PATCH', `/api/products/${other.id}`, { token: admin, body: patch }), 409, 'PATCH to a taken sku')
  })

  it('when two admins create products with the same sku at once, then one gets 201 and the other 409', async () => {
    const sku = uniqueSku()
    const answers = await Promise.all([1, 2].map(() => call(s, 'POST', '/api/products', { token: admin, body: productBody({ variants: [variant(1, { sku })] }) })))
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409])
  })

  it('when the body is malformed JSON or empty, then 400 problem+json', async () => {
    const raw = await s.get('catalog').app.inject({
      method: 'POST',
      url: '/api/products',
      payload: '{"name": ',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    })
    expectProblem(raw as unknown as Reply, 400, 'malformed JSON')
    expectProblem(await call(s, 'POST', '/api/categories', { token: admin, body: {} }), 400, 'empty category')
  })

  const adminRoutes = (): Array<[string, 'POST' | 'PATCH' | 'DELETE', string, Record<string, unknown> | undefined]> => [
    ['create product', 'POST', '/api/products', productBody()],
    ['change product', 'PATCH', `/api/products/${product.id}`, { name: 'x' }],
    ['delete product', 'DELETE', `/api/products/${product.id}`, undefined],
    ['restore product', 'POST', `/api/products/${product.id}/restore`, undefined],
    ['create category', 'POST', '/api/categories', { name: 'x' }],
    ['change category', 'PATCH', `/api/categories/${category.id}`, { name: 'x' }],
    ['delete category', 'DELETE', `/api/categories/${category.id}`, undefined],
    ['restore category', 'POST', `/api/categories/${category.id}/restore`, undefined],
  ]

  it('when an admin route is called without a token or as a customer, then 401 or 403 and nothing changes', async () => {
    for (const [what, method, url, body] of adminRoutes()) {
      expectProblem(await call(s, method, url, { body }), 401, `${what} anonymous`)
      expectProblem(await call(s, method, url, { token: shopper, body }), 403, `${what} as a customer`)
      expectProblem(await call(s, method, url, { token: 'not-a-jwt', body }), 401, `${what} with a bad token`)
    }
    expect((await call(s, 'GET', `/api/products/${product.id}`)).statusCode).toBe(200)
  })

  it('when an id in the path is not a uuid or is unknown, then 400 or 404', async () => {
    for (const [what, method, url, body] of adminRoutes()) {
      if (!url.includes(product.id) && !url.includes(category.id)) continue
      expectProblem(await call(s, method, url.replace(/[0-9a-f-]{36}/, 'nope'), { token: admin, body }), 400, `${what} bad uuid`)
      expectProblem(await call(s, method, url.replace(/[0-9a-f-]{36}/, MISSING), { token: admin, body }), 404, `${what} unknown`)
    }
    expectProblem(await call(s, 'GET', '/api/products/nope'), 400, 'GET bad uuid')
    expectProblem(await call(s, 'GET', '/api/products/by-slug/%00'), 400, 'GET NUL slug')
    expectProblem(await call(s, 'GET', `/api/products/${MISSING}`), 404, 'GET unknown')
    expectProblem(await call(s, 'GET', '/api/products/by-slug/no-such-product'), 404, 'GET unknown slug')
  })

  it('when a PATCH has wrong types or negative prices, then 400', async () => {
    for (const body of [{ name: 7 }, { status: 'gone' }, { variants: [variant(-3)] }, { images: 'none' }, { categoryId: 5 }]) {
      expectProblem(await call(s, 'PATCH', `/api/products/${product.id}`, { token: admin, body }), 400, JSON.stringify(body))
    }
    expectProblem(await call(s, 'PATCH', `/api/products/${product.id}`, { token: admin, body: { categoryId: MISSING } }), 422, 'unknown category')
    for (const body of [{ name: '' }, { name: 3 }, { parentId: 'root' }, { slug: 'UPPER' }, { position: -1 }, { position: 1.5 }]) {
      expectProblem(await call(s, 'PATCH', `/api/categories/${category.id}`, { token: admin, body }), 400, JSON.stringify(body))
      expectProblem(await call(s, 'POST', '/api/categories', { token: admin, body: { name: 'Valid', ...body } }), 400, JSON.stringify(body))
    }
  })

  it('when list parameters are off-contract, then 400', async () => {
    for (const query of ['pageSize=500', 'pageSize=0', 'page=0', 'page=x', 'minPrice=-1', 'maxPrice=abc', 'minPrice=900&maxPrice=100', 'sort=cheapest', 'inStock=maybe', `q=${'x'.repeat(300)}`, 'q=tea%00', 'brand=%00', 'category=%00']) {
      expectProblem(await call(s, 'GET', `/api/products?${query}`), 400, query)
    }
    expectProblem(await call(s, 'GET', '/api/products?includeDeleted=true'), 401, 'includeDeleted anonymous')
    expectProblem(await call(s, 'GET', `/api/products/${product.id}/reviews?pageSize=101`), 400, 'reviews pageSize')
  })

  it('when the OpenAPI document is asked for, then every catalog route is in it with a tag and a summary', async () => {
    const res = await s.get('catalog').app.inject({ method: 'GET', url: '/docs/json' })
    const doc = res.json<{ paths: Record<string, Record<string, { tags?: string[]; summary?: string }>> }>()
    const paths = ['/api/categories', '/api/categories/{id}', '/api/categories/{id}/restore', '/api/products', '/api/products/{id}', '/api/products/by-slug/{slug}', '/api/products/{id}/restore', '/api/products/{id}/reviews']
    for (const path of paths) {
      expect(doc.paths, path).toHaveProperty([path])
      for (const op of Object.values(doc.paths[path] ?? {})) {
        expect(op.tags?.some((t) => t === 'catalog' || t === 'reviews'), path).toBe(true)
        expect(op.summary, path).toBeTruthy()
      }
    }
  })
})
