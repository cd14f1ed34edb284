import { v4 as uuidv4 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { ADMIN_ENV, adminToken, call, catalogHas, createMethod, type MethodView, productPayload, send } from './shipping.test-kit.ts'

let s: TestServices
let admin: string

beforeAll(async () => {
  s = await startTestServices(['identity', 'shipping'], { env: ADMIN_ENV })
  admin = await adminToken(s)
})
afterAll(() => s.stop())

interface QuoteView {
  methodId: string
  name: string
  carrier: string
  price: { amount: number; currency: string }
  estimatedDays: { min: number; max: number }
  zone: string
}

async function quote(country: string, items: Array<{ variantId: string; quantity: number }>): Promise<QuoteView[]> {
  const res = await call(s, 'POST', '/api/shipping/quote', { body: { address: { country, postalCode: '10115' }, items } })
  expect(res.statusCode, res.body).toBe(200)
  return res.json<QuoteView[]>()
}

const usd = (amount: number) => ({ amount, currency: 'USD' })

describe('shipping quotes', () => {
  it('when a customer asks for a quote to the US, then each method prices the catalog weight, cheapest first', async () => {
    const [tonic] = await catalogHas(s, { price: 1250, weightGrams: 350 })
    const quotes = await quote('US', [{ variantId: tonic as string, quantity: 2 }])
    // 700 g: Standard 499 + ceil(150 × 0.7) = 604; Express 1499 + ceil(250 × 0.7) = 1674.
    expect(quotes).toEqual([
      { methodId: expect.any(String), name: 'Standard', carrier: 'USPS', price: usd(604), estimatedDays: { min: 3, max: 5 }, zone: 'United States' },
      { methodId: expect.any(String), name: 'Express', carrier: 'UPS', price: usd(1674), estimatedDays: { min: 1, max: 2 }, zone: 'United States' },
    ])
  })

  it('when the subtotal reaches the free-over threshold, then that method ships free and comes first', async () => {
    const [kettle] = await catalogHas(s, { price: 2500, weightGrams: 1200 })
    const atThreshold = await quote('US', [{ variantId: kettle as string, quantity: 2 }])
    expect(atThreshold.map((q) => [q.name, q.price.amount])).toEqual([
      ['Standard', 0],
      ['Express', 1499 + 600],
    ])
    const below = await quote('US', [{ variantId: kettle as string, quantity: 1 }])
    expect(below[0]).toMatchObject({ name: 'Standard', price: usd(499 + 180) })
  })

  it('when lines of several variants are quoted, then their weights and prices add up, a repeated variant too', async () => {
    const [a, b] = await catalogHas(s, { price: 1000, weightGrams: 250 }, { price: 500, weightGrams: 1 })
    const quotes = await quote('US', [
      { variantId: a as string, quantity: 2 },
      { variantId: b as string, quantity: 1 },
      { variantId: a as string, quantity: 1 },
    ])
    // 751 g, subtotal 3500: Standard 499 + ceil(112.65) = 612.
    expect(quotes[0]).toMatchObject({ name: 'Standard', price: usd(612) })
  })

  it('when the country is given in lower case, then it is matched upper-cased, here to the EU zone', async () => {
    const [mug] = await catalogHas(s, { price: 1500, weightGrams: 400 })
    const quotes = await quote('de', [{ variantId: mug as string, quantity: 1 }])
    expect(quotes.map((q) => [q.name, q.zone, q.price.amount])).toEqual([
      ['Standard', 'European Union', 1999 + 240],
      ['Express', 'European Union', 3999 + 400],
    ])
  })

  it('when no zone names the country, then the rest-of-world zone prices it', async () => {
    const [mug] = await catalogHas(s, { price: 1500, weightGrams: 1000 })
    const quotes = await quote('JP', [{ variantId: mug as string, quantity: 1 }])
    expect(quotes.map((q) => [q.name, q.zone, q.price.amount])).toEqual([
      ['Standard', 'Rest of world', 2499 + 900],
      ['Express', 'Rest of world', 4999 + 1500],
    ])
  })

  it('when an admin adds a method for a country, then it is quoted there and not elsewhere', async () => {
    const method = await createMethod(s, admin, { name: 'Island Post', carrier: 'Island Post', rates: [{ zone: 'Iceland', countries: ['IS'], base: usd(100), perKg: usd(10) }] })
    const [mug] = await catalogHas(s, { price: 1500, weightGrams: 1500 })
    expect((await quote('IS', [{ variantId: mug as string, quantity: 1 }]))[0]).toMatchObject({ methodId: method.id, price: usd(115), estimatedDays: { min: 2, max: 4 } })
    expect((await quote('NO', [{ variantId: mug as string, quantity: 1 }])).map((q) => q.name)).not.toContain('Island Post')
  })

  it('when a product.updated changes a weight, then quotes follow; an older snapshot arriving late changes nothing', async () => {
    const variantId = uuidv4()
    const created = productPayload([{ price: 1000, weightGrams: 1000, variantId }])
    await send(s, 'product.created', created, new Date(Date.now() - 60_000))
    const heavier = productPayload([{ price: 1000, weightGrams: 3000, variantId }], created.productId)
    await send(s, 'product.updated', heavier)
    expect((await quote('US', [{ variantId, quantity: 1 }]))[0]?.price).toEqual(usd(499 + 450))

    const stale = productPayload([{ price: 1000, weightGrams: 10, variantId }], created.productId)
    await send(s, 'product.updated', stale, new Date(Date.now() - 30_000))
    expect((await quote('US', [{ variantId, quantity: 1 }]))[0]?.price).toEqual(usd(499 + 450))
  })

  it('when an item is not known to shipping, then 422 naming each unknown line', async () => {
    const [known] = await catalogHas(s, { price: 1000, weightGrams: 100 })
    const ghost = uuidv4()
    const res = await call(s, 'POST', '/api/shipping/quote', {
      body: { address: { country: 'US', postalCode: '10001' }, items: [{ variantId: known, quantity: 1 }, { variantId: ghost, quantity: 1 }] },
    })
    expect(res.statusCode).toBe(422)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json()).toMatchObject({ code: 'unknown_variant', errors: [{ path: 'items.1.variantId', message: expect.stringContaining(ghost) }] })
  })

  it('when a method is inactive, then it is not quoted', async () => {
    const method = await createMethod(s, admin, { name: 'Dormant', rates: [{ zone: 'All', countries: ['*'], base: usd(1), perKg: usd(0) }] })
    const [mug] = await catalogHas(s, { price: 1500, weightGrams: 100 })
    expect((await quote('FR', [{ variantId: mug as string, quantity: 1 }]))[0]?.methodId).toBe(method.id)
    await call(s, 'PATCH', `/api/shipping/methods/${method.id}`, { token: admin, body: { active: false } })
    expect((await quote('FR', [{ variantId: mug as string, quantity: 1 }])).map((q) => q.methodId)).not.toContain(method.id)
  })

  it('when no active method serves the country, then the answer is an empty list', async () => {
    const all = (await call(s, 'GET', '/api/shipping/methods', { token: admin })).json<MethodView[]>()
    const worldwide = all.filter((m) => m.rates?.some((r) => r.countries.includes('*')))
    const [mug] = await catalogHas(s, { price: 1500, weightGrams: 100 })
    try {
      for (const m of worldwide) await call(s, 'PATCH', `/api/shipping/methods/${m.id}`, { token: admin, body: { active: false } })
      expect(await quote('AQ', [{ variantId: mug as string, quantity: 1 }])).toEqual([])
    } finally {
      for (const m of worldwide) await call(s, 'PATCH', `/api/shipping/methods/${m.id}`, { token: admin, body: { active: true } })
    }
  })
})
