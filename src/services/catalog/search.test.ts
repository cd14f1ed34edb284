import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import {
  ADMIN_ENV,
  adminToken,
  call,
  createCategory,
  createProduct,
  customer,
  list,
  type ProductOut,
  stock,
  unique,
  variant,
} from './catalog.test-kit.ts'

/** Each test works in a category of its own, so that the others' products stay out of its answers. */
describe('product search and listing', () => {
  let s: TestServices
  let admin: string
  beforeAll(async () => {
    s = await startTestServices(['identity', 'catalog'], { env: ADMIN_ENV })
    admin = await adminToken(s)
  })
  afterAll(() => s.stop())

  const shelf = async () => createCategory(s, admin, { name: `Shelf ${unique()}` })
  const names = (items: ProductOut[]) => items.map((p) => p.name)
  /** Variants at these prices, one per size. */
  const sized = (...prices: number[]) => ({
    options: [{ name: 'Size', values: prices.map((_, i) => `S${i}`) }],
    variants: prices.map((price, i) => variant(price, { options: { Size: `S${i}` } })),
  })

  it('when a word is misspelt, then the search corrects it: "vitamn" finds vitamins and "omgea 3" finds omega-3', async () => {
    const c = await shelf()
    await createProduct(s, admin, { name: 'Vitamin C 1000', brand: 'Sunwell', categoryId: c.id })
    await createProduct(s, admin, { name: 'Multi Vitamins for Kids', brand: 'Sunwell', categoryId: c.id })
    await createProduct(s, admin, { name: 'Omega-3 Fish Oil', brand: 'Nordic Sea', categoryId: c.id })
    await createProduct(s, admin, { name: 'Green Tea', brand: 'Leafy', categoryId: c.id })

    const vitamins = await list(s, `q=vitamn&category=${c.id}`)
    expect(names(vitamins.items).sort()).toEqual(['Multi Vitamins for Kids', 'Vitamin C 1000'])
    expect(vitamins.correctedQuery).toMatch(/^vitamins?$/)

    const omega = await list(s, `q=${encodeURIComponent('omgea 3')}&category=${c.id}`)
    expect(names(omega.items)).toEqual(['Omega-3 Fish Oil'])
    expect(omega.correctedQuery).toBe('omega 3')

    const exact = await list(s, `q=omega-3&category=${c.id}`)
    expect(names(exact.items)).toEqual(['Omega-3 Fish Oil'])
    expect(exact.correctedQuery).toBeUndefined()

    const prefix = await list(s, `q=gree&category=${c.id}`)
    expect(names(prefix.items)).toEqual(['Green Tea'])

    const fuzzy = await list(s, `q=nordicsea&category=${c.id}`)
    expect(names(fuzzy.items)).toEqual(['Omega-3 Fish Oil'])

    expect((await list(s, `q=xylophone&category=${c.id}`)).total).toBe(0)
  })

  it('when the word is in one name, one brand and one description, then the name ranks first, then the brand, then the description', async () => {
    const c = await shelf()
    const word = unique('zeb')
    await createProduct(s, admin, { name: 'Plain cup', description: `A ${word} pattern on a cup`, categoryId: c.id })
    await createProduct(s, admin, { name: `${word} mug`, categoryId: c.id })
    await createProduct(s, admin, { name: 'Plain bowl', brand: word, categoryId: c.id })
    const answer = await list(s, `q=${word}&category=${c.id}`)
    expect(names(answer.items)).toEqual([`${word} mug`, 'Plain bowl', 'Plain cup'])
  })

  it('when filters apply, then the facets count what they leave: categories, brands and the price range', async () => {
    const c = await shelf()
    const teas = await createCategory(s, admin, { name: 'Teas', parentId: c.id })
    const herbal = await createCategory(s, admin, { name: 'Herbal', parentId: teas.id })
    const mugs = await createCategory(s, admin, { name: 'Mugs', parentId: c.id })
    await createProduct(s, admin, { name: 'Black tea', brand: 'Leafy', categoryId: teas.id, ...sized(500, 900) })
    await createProduct(s, admin, { name: 'Mint tea', brand: 'leafy', categoryId: herbal.id, variants: [variant(700)] })
    await createProduct(s, admin, { name: 'Camomile tea', brand: 'Calm Co', categoryId: herbal.id, variants: [variant(650)] })
    await createProduct(s, admin, { name: 'Big mug', brand: 'Clay', categoryId: mugs.id, variants: [variant(1500)] })
    await createProduct(s, admin, { name: 'Draft tea', brand: 'Leafy', categoryId: herbal.id, status: 'draft' })

    const all = await list(s, `category=${c.slug}`)
    expect(all.total).toBe(4)
    expect(all.facets.categories).toEqual([
      { id: herbal.id, name: 'Herbal', count: 2 },
      { id: mugs.id, name: 'Mugs', count: 1 },
      { id: teas.id, name: 'Teas', count: 1 },
    ])
    expect(all.facets.brands).toEqual([
      { name: 'Leafy', count: 2 },
      { name: 'Calm Co', count: 1 },
      { name: 'Clay', count: 1 },
    ])
    expect(all.facets.price).toEqual({ min: { amount: 500, currency: 'USD' }, max: { amount: 1500, currency: 'USD' } })

    const leafyTeas = await list(s, `category=${teas.id}&brand=LEAFY`)
    expect(names(leafyTeas.items).sort()).toEqual(['Black tea', 'Mint tea'])
    expect(leafyTeas.facets.brands).toEqual([{ name: 'Leafy', count: 2 }])
    expect(leafyTeas.facets.categories.map((f) => f.name)).toEqual(['Herbal', 'Teas'])
    expect(leafyTeas.facets.price).toEqual({ min: { amount: 500, currency: 'USD' }, max: { amount: 900, currency: 'USD' } })

    const none = await list(s, `category=${c.id}&brand=nobody`)
    expect(none).toMatchObject({ total: 0, items: [], facets: { categories: [], brands: [], price: null } })
  })

  it('when the category has subcategories, then filtering by it (id or slug) includes its descendants', async () => {
    const c = await shelf()
    const child = await createCategory(s, admin, { name: 'Child', parentId: c.id })
    const grandchild = await createCategory(s, admin, { name: 'Grandchild', parentId: child.id })
    const sibling = await shelf()
    await createProduct(s, admin, { name: 'Top item', categoryId: c.id })
    await createProduct(s, admin, { name: 'Deep item', categoryId: grandchild.id })
    await createProduct(s, admin, { name: 'Elsewhere', categoryId: sibling.id })
    expect(names((await list(s, `category=${c.id}`)).items).sort()).toEqual(['Deep item', 'Top item'])
    expect(names((await list(s, `category=${child.slug}`)).items)).toEqual(['Deep item'])
    expect((await list(s, 'category=no-such-category')).total).toBe(0)
  })

  it('when a product is a draft, then no customer finds it by listing or search; admins can filter by status', async () => {
    const c = await shelf()
    const word = unique('secret')
    const draft = await createProduct(s, admin, { name: `${word} draft`, categoryId: c.id, status: 'draft' })
    await createProduct(s, admin, { name: `${word} archived`, categoryId: c.id, status: 'archived' })
    const shopper = await customer(s)
    for (const token of [undefined, shopper.token]) {
      expect((await list(s, `category=${c.id}`, token)).total).toBe(0)
      expect((await list(s, `q=${word}`, token)).total).toBe(0)
      expect((await list(s, `q=${word.slice(0, -1)}x`, token)).total).toBe(0)
    }
    expect((await call(s, 'GET', `/api/products?status=draft`, { token: shopper.token })).statusCode).toBe(403)
    const drafts = await list(s, `category=${c.id}&status=draft`, admin)
    expect(drafts.items.map((p) => p.id)).toEqual([draft.id])
    expect((await list(s, `q=${word}`, admin)).total).toBe(2)
  })

  it('when a price range is given, then a product matches if any variant is in it; minPrice above maxPrice is 400', async () => {
    const c = await shelf()
    await createProduct(s, admin, { name: 'Cheap', categoryId: c.id, variants: [variant(300)] })
    await createProduct(s, admin, { name: 'Spread', categoryId: c.id, ...sized(200, 5000) })
    await createProduct(s, admin, { name: 'Middle', categoryId: c.id, variants: [variant(1500)] })
    expect(names((await list(s, `category=${c.id}&minPrice=1000&maxPrice=6000&sort=price_asc`)).items)).toEqual(['Spread', 'Middle'])
    expect(names((await list(s, `category=${c.id}&maxPrice=300&sort=price_asc`)).items)).toEqual(['Spread', 'Cheap'])
    const bad = await call(s, 'GET', `/api/products?minPrice=500&maxPrice=100`)
    expect(bad.statusCode).toBe(400)
    expect(bad.headers['content-type']).toContain('application/problem+json')
  })

  it('when inventory reports stock, then inStock=true keeps products with a variant available, and an older version never overwrites a newer one', async () => {
    const c = await shelf()
    const stocked = await createProduct(s, admin, { name: 'Stocked', categoryId: c.id })
    await createProduct(s, admin, { name: 'Empty', categoryId: c.id })
    const sku = stocked.variants[0]?.sku as string
    expect((await list(s, `category=${c.id}&inStock=true`)).total).toBe(0)

    await stock(s, sku, 4, 5)
    const inStock = await list(s, `category=${c.id}&inStock=true`)
    expect(names(inStock.items)).toEqual(['Stocked'])
    expect(inStock.items[0]?.variants[0]?.available).toBe(4)

    await stock(s, sku, 0, 3)
    expect((await list(s, `category=${c.id}&inStock=true`)).items[0]?.variants[0]?.available).toBe(4)
    await stock(s, sku, 0, 6)
    expect((await list(s, `category=${c.id}&inStock=true`)).total).toBe(0)
    expect((await list(s, `category=${c.id}&inStock=false`)).total).toBe(2)
  })

  it('when sorting, then price and newest orders hold and pages never repeat or skip a product', async () => {
    const c = await shelf()
    const made: ProductOut[] = []
    for (const price of [700, 300, 500, 300, 900, 500, 300]) made.push(await createProduct(s, admin, { categoryId: c.id, variants: [variant(price)] }))
    const prices = (items: ProductOut[]) => items.map((p) => p.variants[0]?.price.amount)

    expect(prices((await list(s, `category=${c.id}&sort=price_asc&pageSize=100`)).items)).toEqual([300, 300, 300, 500, 500, 700, 900])
    expect(prices((await list(s, `category=${c.id}&sort=price_desc&pageSize=100`)).items)).toEqual([900, 700, 500, 500, 300, 300, 300])
    const newest = (await list(s, `category=${c.id}&sort=newest&pageSize=100`)).items.map((p) => p.id)
    expect(newest).toEqual(made.map((p) => p.id).reverse())
    expect((await list(s, `category=${c.id}`)).items.map((p) => p.id)).toEqual(newest)

    for (const sort of ['price_asc', 'price_desc', 'newest', 'relevance']) {
      const seen: string[] = []
      for (let page = 1; page <= 4; page += 1) {
        const answer = await list(s, `category=${c.id}&sort=${sort}&page=${page}&pageSize=2`)
        expect(answer).toMatchObject({ total: 7, page, pageSize: 2 })
        seen.push(...answer.items.map((p) => p.id))
      }
      expect(seen.sort()).toEqual(made.map((p) => p.id).sort())
    }
  })
})
