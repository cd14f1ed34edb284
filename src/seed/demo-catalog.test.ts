import { createHash } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { buildDemoCatalog, DEMO_CATEGORIES, DEMO_PRODUCTS, SKU_PATTERN, slugify } from './demo-catalog.ts'
import type { DemoProduct } from './demo-catalog.ts'

const variants = DEMO_PRODUCTS.flatMap((p) => p.variants)
const sha256 = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex')

function depthOf(key: string): number {
  let depth = 0
  for (let k: string | undefined = key; k !== undefined; k = DEMO_CATEGORIES.find((c) => c.key === k)?.parentKey) depth++
  return depth
}

function duplicates(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i)
}

/** Every combination of the product's declared option values, as "name=value|…" keys. */
function expectedCombinations(p: DemoProduct): string[] {
  return p.options.reduce<string[]>((acc, o) => acc.flatMap((prefix) => o.values.map((v) => `${prefix}${o.name}=${v}|`)), [''])
}

describe('demo catalog categories', () => {
  it('form a three-level tree whose parents come before their children', () => {
    const seen = new Set<string>()
    for (const c of DEMO_CATEGORIES) {
      if (c.parentKey !== undefined) expect(seen, `${c.key} after its parent`).toContain(c.parentKey)
      seen.add(c.key)
    }
    const depths = DEMO_CATEGORIES.map((c) => depthOf(c.key))
    expect(Math.max(...depths)).toBe(3)
    expect(depths.filter((d) => d === 1).length).toBeGreaterThanOrEqual(5)
    expect(depths.filter((d) => d === 3).length).toBeGreaterThan(0)
  })

  it('have unique slug keys and names unique among siblings', () => {
    expect(duplicates(DEMO_CATEGORIES.map((c) => c.key))).toEqual([])
    expect(duplicates(DEMO_CATEGORIES.map((c) => `${c.parentKey ?? ''}/${c.name}`))).toEqual([])
    for (const c of DEMO_CATEGORIES) expect(c.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  })

  it('give every root between two and four children', () => {
    for (const root of DEMO_CATEGORIES.filter((c) => c.parentKey === undefined)) {
      const children = DEMO_CATEGORIES.filter((c) => c.parentKey === root.key).length
      expect(children, root.key).toBeGreaterThanOrEqual(2)
      expect(children, root.key).toBeLessThanOrEqual(4)
    }
  })
})

describe('demo catalog products', () => {
  it('has at least 300 products, each in an existing category, mostly leaves', () => {
    expect(DEMO_PRODUCTS.length).toBeGreaterThanOrEqual(300)
    const keys = new Set(DEMO_CATEGORIES.map((c) => c.key))
    const parents = new Set(DEMO_CATEGORIES.map((c) => c.parentKey))
    for (const p of DEMO_PRODUCTS) expect(keys, p.name).toContain(p.categoryKey)
    expect(DEMO_PRODUCTS.filter((p) => !parents.has(p.categoryKey)).length / DEMO_PRODUCTS.length).toBeGreaterThan(0.9)
  })

  it('has unique names, unique slugs derived from the names, and unique SKUs in the expected format', () => {
    expect(duplicates(DEMO_PRODUCTS.map((p) => p.name))).toEqual([])
    expect(duplicates(DEMO_PRODUCTS.map((p) => p.slug))).toEqual([])
    expect(duplicates(variants.map((v) => v.sku))).toEqual([])
    for (const p of DEMO_PRODUCTS) {
      expect(p.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(p.slug).toBe(slugify(p.name))
    }
    for (const v of variants) expect(v.sku).toMatch(SKU_PATTERN)
  })

  it('gives each product one variant per option combination, using only declared options', () => {
    for (const p of DEMO_PRODUCTS) {
      if (p.options.length === 0) {
        expect(p.variants, p.name).toHaveLength(1)
        expect(p.variants[0]?.options).toEqual({})
        expect(p.variants[0]?.title).toBe('Default')
        continue
      }
      const declared = new Map(p.options.map((o) => [o.name, o.values]))
      for (const v of p.variants) {
        expect(Object.keys(v.options).sort(), `${p.name} ${v.sku}`).toEqual([...declared.keys()].sort())
        for (const [name, value] of Object.entries(v.options)) expect(declared.get(name), `${p.name} ${name}`).toContain(value)
        expect(v.title).toBe(p.options.map((o) => v.options[o.name]).join(' / '))
      }
      const actual = p.variants.map((v) => p.options.map((o) => `${o.name}=${v.options[o.name]}|`).join(''))
      expect(actual.sort(), p.name).toEqual(expectedCombinations(p).sort())
    }
  })

  it('has about half the products with options', () => {
    const share = DEMO_PRODUCTS.filter((p) => p.options.length > 0).length / DEMO_PRODUCTS.length
    expect(share).toBeGreaterThan(0.35)
    expect(share).toBeLessThan(0.65)
  })

  it('prices variants in whole cents within a shop range, with compare-at prices above the price', () => {
    for (const v of variants) {
      expect(Number.isInteger(v.priceMinor), v.sku).toBe(true)
      expect(v.priceMinor).toBeGreaterThanOrEqual(499)
      expect(v.priceMinor).toBeLessThanOrEqual(14_900)
      if (v.compareAtMinor !== undefined) {
        expect(Number.isInteger(v.compareAtMinor), v.sku).toBe(true)
        expect(v.compareAtMinor, v.sku).toBeGreaterThan(v.priceMinor)
      }
      expect(Number.isInteger(v.weightGrams) && v.weightGrams > 0, v.sku).toBe(true)
    }
    const discounted = variants.filter((v) => v.compareAtMinor !== undefined).length / variants.length
    expect(discounted).toBeGreaterThan(0.1)
    expect(discounted).toBeLessThan(0.3)
  })

  it('charges more for a larger size or weight of the same product', () => {
    for (const p of DEMO_PRODUCTS) {
      const sized = p.options.find((o) => o.name === 'Size' || o.name === 'Weight')
      if (!sized) continue
      const others = (v: DemoProduct['variants'][number]): string => JSON.stringify({ ...v.options, [sized.name]: '' })
      for (const a of p.variants) {
        for (const b of p.variants) {
          const ia = sized.values.indexOf(a.options[sized.name] ?? '')
          const ib = sized.values.indexOf(b.options[sized.name] ?? '')
          if (others(a) === others(b) && ia < ib) expect(b.priceMinor, `${b.sku} vs ${a.sku}`).toBeGreaterThan(a.priceMinor)
        }
      }
    }
  })

  it('has out-of-stock and low-stock variants among mostly well-stocked ones', () => {
    for (const v of variants) expect(Number.isInteger(v.initialStock) && v.initialStock >= 0, v.sku).toBe(true)
    const zero = variants.filter((v) => v.initialStock === 0).length
    const low = variants.filter((v) => v.initialStock >= 1 && v.initialStock <= 5).length
    expect(zero).toBeGreaterThan(0)
    expect(low).toBeGreaterThan(0)
    expect(zero / variants.length).toBeLessThan(0.15)
    expect(variants.filter((v) => v.initialStock >= 20 && v.initialStock <= 200).length / variants.length).toBeGreaterThan(0.7)
  })

  it('has a few drafts, searchable vitamin and omega-3 products, and brands spread across categories', () => {
    const drafts = DEMO_PRODUCTS.filter((p) => p.status === 'draft').length
    expect(drafts).toBeGreaterThanOrEqual(3)
    expect(drafts).toBeLessThanOrEqual(8)
    expect(DEMO_PRODUCTS.filter((p) => /\bVitamins?\b/.test(p.name)).length).toBeGreaterThanOrEqual(5)
    expect(DEMO_PRODUCTS.filter((p) => /omega-3/i.test(p.name)).length).toBeGreaterThanOrEqual(3)
    const brands = new Map<string, Set<string>>()
    for (const p of DEMO_PRODUCTS) brands.set(p.brand, (brands.get(p.brand) ?? new Set()).add(p.categoryKey))
    expect(brands.size).toBeGreaterThanOrEqual(15)
    expect(brands.size).toBeLessThanOrEqual(20)
    for (const [brand, categories] of brands) expect(categories.size, brand).toBeGreaterThanOrEqual(3)
  })

  it('describes each product in one to three sentences, with one or two category images', () => {
    for (const p of DEMO_PRODUCTS) {
      const sentences = p.description.split(/(?<=\.)\s+/).length
      expect(sentences, p.name).toBeGreaterThanOrEqual(1)
      expect(sentences, p.name).toBeLessThanOrEqual(3)
      expect(p.images.length).toBeGreaterThanOrEqual(1)
      expect(p.images.length).toBeLessThanOrEqual(2)
      p.images.forEach((img, i) => {
        expect(img).toEqual({ url: `/images/demo/${p.categoryKey}.svg`, alt: expect.stringContaining(p.name), position: i })
      })
    }
  })
})

describe('demo catalog determinism', () => {
  it('builds the same data on every call and every fresh import, without Math.random or the clock', async () => {
    expect(buildDemoCatalog()).toEqual(buildDemoCatalog())
    expect(sha256(buildDemoCatalog())).toBe(sha256({ categories: DEMO_CATEGORIES, products: DEMO_PRODUCTS }))

    vi.resetModules()
    const random = vi.spyOn(Math, 'random')
    const now = vi.spyOn(Date, 'now')
    const fresh = await import('./demo-catalog.ts')
    expect(random).not.toHaveBeenCalled()
    expect(now).not.toHaveBeenCalled()
    vi.restoreAllMocks()
    expect(sha256(fresh.DEMO_PRODUCTS)).toBe(sha256(DEMO_PRODUCTS))
    expect(sha256(fresh.DEMO_CATEGORIES)).toBe(sha256(DEMO_CATEGORIES))
  })

  it('matches the pinned fingerprint (update it deliberately when the tables change)', () => {
    expect(sha256({ categories: DEMO_CATEGORIES, products: DEMO_PRODUCTS })).toBe('ff560eaf794f6b79488c092a5927832991bb6d9820fad706729b0ce74dcac1be')
  })
})
