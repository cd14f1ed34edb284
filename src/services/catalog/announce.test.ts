import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../../../test/support/eventually.ts'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { ADMIN_ENV, adminToken, call, createProduct, customer, variant } from './catalog.test-kit.ts'

describe('announcing the catalog again', () => {
  let s: TestServices
  let admin: string
  beforeAll(async () => {
    s = await startTestServices(['identity', 'catalog', 'inventory', 'cart'], { env: ADMIN_ENV })
    admin = await adminToken(s)
  })
  afterAll(() => s.stop())

  const addToCart = (variantId: string) =>
    s.get('cart').app.inject({ method: 'POST', url: '/api/cart/items', payload: { variantId, quantity: 2 } })

  it('when a service lost (or never had) its copy of the catalog, then an announce gives it every product and its stock back', async () => {
    const product = await createProduct(s, admin, { status: 'active', variants: [variant(1500, { initialStock: 6 })] })
    const variantId = product.variants[0]!.id
    await eventually(async () => (await addToCart(variantId)).statusCode === 200, 5_000, 'the cart knows the product')

    // A cart service added to a shop that already had this product knows nothing of it.
    await s.pglite.exec('DELETE FROM cart.stock; DELETE FROM cart.variants; DELETE FROM cart.products')
    expect((await addToCart(variantId)).statusCode).toBe(404)

    const announced = await call(s, 'POST', '/api/admin/catalog/announce', { token: admin })
    expect(announced.statusCode).toBe(200)
    expect(announced.json<{ products: number }>().products).toBeGreaterThanOrEqual(1)
    await eventually(async () => (await addToCart(variantId)).statusCode === 200, 5_000, 'the cart learnt the product and its stock again')
  })

  it('only admins may announce', async () => {
    expect((await call(s, 'POST', '/api/admin/catalog/announce')).statusCode).toBe(401)
    const shopper = await customer(s)
    const res = await call(s, 'POST', '/api/admin/catalog/announce', { token: shopper.token })
    expect(res.statusCode).toBe(403)
    expect(res.headers['content-type']).toContain('application/problem+json')
  })
})
