import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Envelope } from '../../contracts/message.ts'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import {
  ADMIN_ENV,
  adminToken,
  call,
  createCategory,
  createProduct,
  customer,
  ok,
  productBody,
  type ProductOut,
  unique,
  uniqueSku,
  variant,
} from './catalog.test-kit.ts'

describe('products', () => {
  let s: TestServices
  let admin: string
  beforeAll(async () => {
    s = await startTestServices(['identity', 'catalog'], { env: ADMIN_ENV })
    admin = await adminToken(s)
  })
  afterAll(() => s.stop())

  const outbox = async (type: string, productId: string) =>
    (
      await s.pglite.query<{ envelope: Envelope }>(
        `SELECT envelope FROM catalog.outbox WHERE type = $1 AND envelope->'payload'->>'productId' = $2 ORDER BY seq`,
        [type, productId],
      )
    ).rows.map((r) => r.envelope)

  it('when an admin creates a product with options and variants, then it comes back whole and product.created carries the snapshot', async () => {
    const category = await createCategory(s, admin, { name: `Shirts ${unique()}` })
    const [red, blue] = [uniqueSku('RED'), uniqueSku('BLUE')]
    const product = await createProduct(s, admin, {
      name: 'Linen Shirt',
      brand: 'Weave',
      categoryId: category.id,
      images: [
        { url: 'https://img.example.com/b.jpg', alt: 'back', position: 2 },
        { url: 'https://img.example.com/a.jpg', position: 1 },
        { url: '/images/demo/shirts.svg', alt: 'on this site', position: 3 },
      ],
      options: [
        { name: 'Size', values: ['S', 'M'] },
        { name: 'Color', values: ['Red', 'Blue'] },
      ],
      variants: [
        variant(4500, { sku: red, options: { Size: 'S', Color: 'Red' }, compareAtPrice: { amount: 6000, currency: 'USD' }, initialStock: 7 }),
        variant(4700, { sku: blue, options: { color: 'Blue', size: 'M' }, title: 'Medium blue', weightGrams: 250 }),
      ],
    })
    expect(product).toMatchObject({
      slug: expect.stringMatching(/^linen-shirt/),
      brand: 'Weave',
      categoryId: category.id,
      status: 'active',
      images: [
        { url: 'https://img.example.com/a.jpg', alt: '', position: 1 },
        { url: 'https://img.example.com/b.jpg', alt: 'back', position: 2 },
        { url: '/images/demo/shirts.svg', alt: 'on this site', position: 3 },
      ],
      rating: { average: 0, count: 0 },
      deletedAt: null,
    })
    expect(product.variants).toEqual([
      {
        id: expect.any(String),
        sku: red,
        title: 'S / Red',
        options: { Size: 'S', Color: 'Red' },
        price: { amount: 4500, currency: 'USD' },
        compareAtPrice: { amount: 6000, currency: 'USD' },
        weightGrams: 100,
        available: 0,
      },
      {
        id: expect.any(String),
        sku: blue,
        title: 'Medium blue',
        options: { Size: 'M', Color: 'Blue' },
        price: { amount: 4700, currency: 'USD' },
        weightGrams: 250,
        available: 0,
      },
    ])
    expect(JSON.stringify(product)).not.toContain('initialStock')

    const [created] = await outbox('product.created', product.id)
    expect(created?.payload).toEqual({
      productId: product.id,
      slug: product.slug,
      name: 'Linen Shirt',
      status: 'active',
      variants: [
        { variantId: product.variants[0]?.id, sku: red, title: 'S / Red', price: { amount: 4500, currency: 'USD' }, weightGrams: 100, initialStock: 7 },
        { variantId: product.variants[1]?.id, sku: blue, title: 'Medium blue', price: { amount: 4700, currency: 'USD' }, weightGrams: 250 },
      ],
    })
  })

  it('when a create is retried with the same Idempotency-Key, then one product exists and the retry gets the same answer', async () => {
    const body = productBody()
    const send = () =>
      s.get('catalog').app.inject({ method: 'POST', url: '/api/products', headers: { authorization: `Bearer ${admin}`, 'idempotency-key': `create-${unique()}-x` }, payload: body })
    const key = `create-${unique()}`
    const post = () => s.get('catalog').app.inject({ method: 'POST', url: '/api/products', headers: { authorization: `Bearer ${admin}`, 'idempotency-key': key }, payload: body })
    const first = await post()
    const retry = await post()
    expect(first.statusCode).toBe(201)
    expect(retry.statusCode).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.json().id).toBe(first.json().id)
    expect((await outbox('product.created', first.json().id)).length).toBe(1)
    // Another key with the same body is another create: the sku is taken now.
    expect((await send()).statusCode).toBe(409)
  })

  it('when a product has no options, then its single variant is a plain "Default" one and the status defaults to draft', async () => {
    const product = await ok<ProductOut>(
      call(s, 'POST', '/api/products', { token: admin, body: { name: 'Plain Mug', variants: [{ sku: uniqueSku(), price: { amount: 900, currency: 'USD' } }] } }),
      201,
    )
    expect(product).toMatchObject({ status: 'draft', options: [], brand: null, description: '', categoryId: null })
    expect(product.variants).toMatchObject([{ title: 'Default', options: {}, weightGrams: 0 }])
  })

  it('when PATCH replaces the variants, then kept skus keep their ids, new ones are added with opening stock and missing ones go', async () => {
    const [keep, drop, add] = [uniqueSku('KEEP'), uniqueSku('DROP'), uniqueSku('ADD')]
    const product = await createProduct(s, admin, {
      options: [{ name: 'Size', values: ['S', 'M', 'L'] }],
      variants: [variant(1000, { sku: keep, options: { Size: 'S' } }), variant(1100, { sku: drop, options: { Size: 'M' } })],
    })
    const keptId = product.variants.find((v) => v.sku === keep)?.id
    const updated = await ok<ProductOut>(
      call(s, 'PATCH', `/api/products/${product.id}`, {
        token: admin,
        body: {
          name: 'Renamed',
          variants: [variant(1200, { sku: add, options: { Size: 'L' }, initialStock: 3 }), variant(950, { sku: keep, options: { Size: 'S' }, initialStock: 99 })],
        },
      }),
    )
    expect(updated.name).toBe('Renamed')
    expect(updated.slug).toBe(product.slug)
    expect(updated.variants.map((v) => [v.sku, v.price.amount])).toEqual([
      [add, 1200],
      [keep, 950],
    ])
    expect(updated.variants.find((v) => v.sku === keep)?.id).toBe(keptId)

    const [event] = await outbox('product.updated', product.id)
    const variants = (event?.payload as { variants: Array<{ sku: string; initialStock?: number }> }).variants
    expect(variants.map((v) => v.sku)).toEqual([add, keep])
    expect(variants.find((v) => v.sku === add)?.initialStock).toBe(3)
    expect(variants.find((v) => v.sku === keep)).not.toHaveProperty('initialStock')

    const elsewhere = await call(s, 'POST', '/api/products', { token: admin, body: { name: 'Thief', variants: [variant(100, { sku: drop })] } })
    expect(elsewhere.statusCode).toBe(409)
  })

  it('when PATCH changes only some fields, then the rest stays and a bad new option grid is 400', async () => {
    const product = await createProduct(s, admin, { brand: 'Keep', description: 'Old' })
    const updated = await ok<ProductOut>(call(s, 'PATCH', `/api/products/${product.id}`, { token: admin, body: { description: 'New', status: 'archived' } }))
    expect(updated).toMatchObject({ brand: 'Keep', description: 'New', status: 'archived', variants: product.variants })
    const bad = await call(s, 'PATCH', `/api/products/${product.id}`, { token: admin, body: { options: [{ name: 'Size', values: ['S'] }] } })
    expect(bad.statusCode).toBe(400)
  })

  it('when a product is soft-deleted, then customers get 404, admins see deletedAt, product.deleted is sent, and restore brings it back', async () => {
    const product = await createProduct(s, admin)
    const shopper = await customer(s)
    expect((await call(s, 'DELETE', `/api/products/${product.id}`, { token: admin })).statusCode).toBe(204)
    expect((await call(s, 'DELETE', `/api/products/${product.id}`, { token: admin })).statusCode).toBe(204)
    expect((await call(s, 'GET', `/api/products/${product.id}`)).statusCode).toBe(404)
    expect((await call(s, 'GET', `/api/products/${product.id}`, { token: shopper.token })).statusCode).toBe(404)
    const seen = await ok<ProductOut>(call(s, 'GET', `/api/products/${product.id}`, { token: admin }))
    expect(seen.deletedAt).toEqual(expect.any(String))
    const deleted = await outbox('product.deleted', product.id)
    expect(deleted.map((e) => e.payload)).toEqual([{ productId: product.id, skus: [product.variants[0]?.sku] }])
    expect((await call(s, 'PATCH', `/api/products/${product.id}`, { token: admin, body: { name: 'Zombie' } })).statusCode).toBe(409)

    const restored = await ok<ProductOut>(call(s, 'POST', `/api/products/${product.id}/restore`, { token: admin }))
    expect(restored.deletedAt).toBeNull()
    expect((await call(s, 'GET', `/api/products/${product.id}`)).statusCode).toBe(200)
    expect(await outbox('product.updated', product.id)).toHaveLength(1)
  })

  it('when a product is a draft, then customers get 404 by id and by slug while admins see it', async () => {
    const draft = await createProduct(s, admin, { status: 'draft' })
    const shopper = await customer(s)
    for (const url of [`/api/products/${draft.id}`, `/api/products/by-slug/${draft.slug}`]) {
      expect((await call(s, 'GET', url)).statusCode).toBe(404)
      expect((await call(s, 'GET', url, { token: shopper.token })).statusCode).toBe(404)
      expect((await ok<ProductOut>(call(s, 'GET', url, { token: admin }))).id).toBe(draft.id)
    }
    const active = await createProduct(s, admin)
    expect((await ok<ProductOut>(call(s, 'GET', `/api/products/by-slug/${active.slug}`))).id).toBe(active.id)
  })

  it('when two products get the same name, then the second slug is suffixed; an explicit taken slug is 409', async () => {
    const name = `Twin ${unique()}`
    const a = await createProduct(s, admin, { name })
    const b = await createProduct(s, admin, { name })
    expect(b.slug).toBe(`${a.slug}-2`)
    expect((await call(s, 'POST', '/api/products', { token: admin, body: { name: 'Other', slug: a.slug, variants: [variant(1)] } })).statusCode).toBe(409)
  })
})
