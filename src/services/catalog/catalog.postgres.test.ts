import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectMigrationMatchesDrizzle, type OnPostgres, startOnPostgres } from '../../../test/support/on-postgres.ts'
import { serversAvailable } from '../../../test/support/servers.ts'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import * as tables from './catalog.tables.ts'
import { ADMIN_ENV, adminToken, call, createCategory, createProduct, list, type ListOut, type Services, stock, variant } from './catalog.test-kit.ts'
import { catalog } from './index.ts'

const available = await serversAvailable('postgres')

/** The same scenario, through the HTTP surface, on one side (PGlite or PostgreSQL). */
async function seed(side: Services, admin: string): Promise<void> {
  const health = await createCategory(side, admin, { name: 'Health' })
  const vitamins = await createCategory(side, admin, { name: 'Vitamins', parentId: health.id })
  const oils = await createCategory(side, admin, { name: 'Oils', parentId: health.id })
  const home = await createCategory(side, admin, { name: 'Home' })
  const sized = (sku: string, ...prices: number[]) => ({
    options: [{ name: 'Size', values: prices.map((_, i) => `S${i}`) }],
    variants: prices.map((price, i) => variant(price, { sku: `${sku}-${i}`, options: { Size: `S${i}` } })),
  })
  const products: Array<Record<string, unknown>> = [
    { name: 'Vitamin C 1000', brand: 'Sunwell', categoryId: vitamins.id, ...sized('VITC', 1299, 1999) },
    { name: 'Multi Vitamins for Kids', brand: 'sunwell', categoryId: vitamins.id, ...sized('MULTI', 899) },
    { name: 'Vitamin D3 Drops', brand: 'Nordic Sea', categoryId: vitamins.id, ...sized('D3', 1499) },
    { name: 'Omega-3 Fish Oil', brand: 'Nordic Sea', categoryId: oils.id, description: 'Rich in vitamin D', ...sized('OMEGA', 2499, 3999) },
    { name: 'Zebra mug', brand: 'Clayworks', categoryId: home.id, ...sized('ZMUG', 1500) },
    { name: 'Plain bowl', brand: 'Zebra', categoryId: home.id, ...sized('BOWL', 1200) },
    { name: 'Plain cup', brand: 'Clayworks', categoryId: home.id, description: 'A zebra stripe on a cup', ...sized('CUP', 800) },
    { name: 'Secret draft vitamin', brand: 'Sunwell', categoryId: vitamins.id, status: 'draft', ...sized('DRAFT', 100) },
  ]
  for (const p of products) await createProduct(side, admin, p)
  await stock(side, 'VITC-0', 5, 2)
  await stock(side, 'VITC-0', 0, 1)
  await stock(side, 'OMEGA-1', 3, 1)
}

/** An answer with ids replaced by names: the two databases make different ids. */
function comparable(answer: ListOut) {
  return {
    total: answer.total,
    names: answer.items.map((p) => p.name),
    available: answer.items.map((p) => p.variants.map((v) => v.available)),
    categories: answer.facets.categories.map((c) => [c.name, c.count]),
    brands: answer.facets.brands.map((b) => [b.name, b.count]),
    price: answer.facets.price,
    correctedQuery: answer.correctedQuery,
  }
}

const QUERIES = [
  'q=vitamn',
  `q=${encodeURIComponent('omgea 3')}`,
  'q=omega-3',
  'q=zebra',
  'q=vita',
  'q=nordicsea',
  `q=${encodeURIComponent('"fish oil"')}`,
  'q=vitamin&sort=price_asc',
  'category=health',
  'category=health&brand=SUNWELL',
  'category=health&minPrice=1500&maxPrice=2500&sort=price_desc',
  'inStock=true',
  'sort=price_asc&page=2&pageSize=3',
  'sort=newest&pageSize=4',
]

/** The catalog on a real PostgreSQL 15: its migration matches Drizzle, and search answers as it does on PGlite. */
describe.skipIf(!available)('catalog on PostgreSQL', () => {
  let lite: TestServices
  let pgside: OnPostgres
  let admin: string
  const onPostgres: Services = { get: (name) => (name === 'catalog' ? pgside.running : lite.get('identity')) }

  beforeAll(async () => {
    lite = await startTestServices(['identity', 'catalog'], { env: ADMIN_ENV })
    pgside = await startOnPostgres(catalog, { env: ADMIN_ENV, urls: { identity: lite.get('identity').url } })
    admin = await adminToken(lite)
  })

  afterAll(async () => {
    await pgside?.stop()
    await lite?.stop()
  })

  it('when the migration has run, then every table, column, index and constraint matches the Drizzle definitions', async () => {
    await expectMigrationMatchesDrizzle(pgside.database.url, 'catalog', [
      tables.categories,
      tables.products,
      tables.variants,
      tables.variantStock,
      tables.reviews,
      tables.reviewEligibility,
      tables.searchTerms,
    ])
  })

  it('when the same catalog is searched on PostgreSQL 15 and on PGlite, then the answers are the same: typos, weights, facets, filters, sorts', async () => {
    await seed(lite, admin)
    await seed(onPostgres, admin)
    for (const query of QUERIES) {
      const [onLite, onPg] = [await list(lite, query), await list(onPostgres, query)]
      expect(comparable(onPg), query).toEqual(comparable(onLite))
    }
    const typo = await list(onPostgres, 'q=vitamn&pageSize=100')
    expect(typo.items.map((p) => p.name)).toEqual(expect.arrayContaining(['Vitamin C 1000', 'Multi Vitamins for Kids', 'Vitamin D3 Drops']))
    expect(typo.items.map((p) => p.name)).not.toContain('Secret draft vitamin')
    expect((await list(onPostgres, `q=${encodeURIComponent('omgea 3')}`)).items.map((p) => p.name)).toEqual(['Omega-3 Fish Oil'])
    expect((await list(onPostgres, 'q=zebra')).items.map((p) => p.name)).toEqual(['Zebra mug', 'Plain bowl', 'Plain cup'])
    const facets = await list(onPostgres, 'category=health')
    expect(facets.facets.brands).toEqual([
      { name: 'Nordic Sea', count: 2 },
      { name: 'Sunwell', count: 2 },
    ])
  })

  it('when two admins create products with the same sku at the same moment, then one gets 201 and the other 409', async () => {
    const body = { name: 'Race', status: 'active', variants: [{ sku: 'RACE-1', price: { amount: 100, currency: 'USD' } }] }
    const answers = await Promise.all(Array.from({ length: 4 }, () => call(onPostgres, 'POST', '/api/products', { token: admin, body })))
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409])
  })
})
