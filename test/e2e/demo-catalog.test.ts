import type { PGliteInterface } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSystem, startEmbedded } from '../../src/launch.ts'
import { DEMO_PRODUCTS } from '../../src/seed/demo-catalog.ts'
import { testConfig } from '../support/config.ts'
import { eventually } from '../support/eventually.ts'
import { client } from '../support/http.ts'
import { migratedPglite } from '../support/pglite.ts'

interface Category {
  id: string
  slug: string
  children: Category[]
}

function depth(nodes: Category[]): number {
  return nodes.length === 0 ? 0 : 1 + Math.max(...nodes.map((n) => depth(n.children)))
}

/** The first embedded start loads the demo shop; the next start finds it and leaves it alone. */
describe('embedded mode: the demo catalog', () => {
  let pglite: PGliteInterface
  let system: RunningSystem | undefined
  const config = testConfig({ SEED_DEMO_DATA: 'true', CATALOG_CACHE_SECONDS: '0' })
  const activeCount = DEMO_PRODUCTS.filter((p) => p.status === 'active').length

  beforeAll(async () => {
    pglite = await migratedPglite()
    system = await startEmbedded(config, { pglite })
    expect(await system.demoCatalog).toMatchObject({ skipped: false, products: DEMO_PRODUCTS.length })
  }, 120_000)
  afterAll(async () => {
    await system?.stop()
    await pglite?.close()
  })

  it('when the shop first starts, then every active demo product is listed in a three-level category tree', async () => {
    const api = client(system!.url!)
    const list = await api.get('/api/products?pageSize=1')
    expect(list.status).toBe(200)
    expect(list.body.total).toBe(activeCount)
    expect(activeCount).toBeGreaterThanOrEqual(300)
    const tree = await api.get('/api/categories')
    expect(depth(tree.body as Category[])).toBe(3)
  })

  it('a shopper finds vitamins with a typo, and sees stock that inventory booked from the opening quantities', async () => {
    const api = client(system!.url!)
    const found = await api.get('/api/products?q=vitamn')
    expect(found.status).toBe(200)
    expect(found.body.total).toBeGreaterThan(0)
    expect(found.body.items[0].name).toMatch(/vitamin/i)

    const demo = DEMO_PRODUCTS.find((p) => p.status === 'active' && p.variants.some((v) => v.initialStock > 0))!
    const variant = demo.variants.find((v) => v.initialStock > 0)!
    const product = await eventually(async () => {
      const res = await api.get(`/api/products/by-slug/${demo.slug}`)
      const shown = res.body?.variants?.find((v: { sku: string }) => v.sku === variant.sku)
      return shown?.available === variant.initialStock ? res.body : undefined
    }, 20_000, `available stock of ${variant.sku}`)
    expect(product.name).toBe(demo.name)
    const stock = await api.get(`/api/inventory/${variant.sku}`)
    expect(stock.body).toEqual({ sku: variant.sku, available: variant.initialStock })
  })

  it('a draft demo product never shows to a shopper', async () => {
    const draft = DEMO_PRODUCTS.find((p) => p.status === 'draft')!
    const res = await client(system!.url!).get(`/api/products/by-slug/${draft.slug}`)
    expect(res.status).toBe(404)
  })

  it('when the shop starts again, then the demo catalog is not loaded twice', async () => {
    await system!.stop()
    system = await startEmbedded(config, { pglite })
    expect(await system.demoCatalog).toMatchObject({ skipped: true })
    const list = await client(system.url!).get('/api/products?pageSize=1')
    expect(list.body.total).toBe(activeCount)
  }, 60_000)
})

describe('embedded mode: a demo catalog load cut short', () => {
  it('when the shop stops while loading the demo catalog, then the next start finishes it without duplicates', async () => {
    const pglite = await migratedPglite()
    const config = testConfig({ SEED_DEMO_DATA: 'true', CATALOG_CACHE_SECONDS: '0' })
    try {
      const first = await startEmbedded(config, { pglite })
      await eventually(async () => ((await client(first.url!).get('/api/products?pageSize=1')).body?.total ?? 0) > 20, 30_000, 'some products loaded')
      await first.stop()
      expect(await first.demoCatalog).toBeUndefined()

      const second = await startEmbedded(config, { pglite })
      try {
        const result = await second.demoCatalog
        expect(result?.skipped).toBe(false)
        expect(result!.products).toBeLessThan(DEMO_PRODUCTS.length)
        const list = await client(second.url!).get('/api/products?pageSize=1')
        expect(list.body.total).toBe(DEMO_PRODUCTS.filter((p) => p.status === 'active').length)
      } finally {
        await second.stop()
      }
    } finally {
      await pglite.close()
    }
  }, 120_000)
})
