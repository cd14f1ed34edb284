import { describe, expect, it } from 'vitest'
import {
  buildCategoryTree,
  canonicalVariantOptions,
  duplicateSkus,
  isVisible,
  isWithinSubtree,
  nextFreeSlug,
  planVariants,
  productGridErrors,
  ratingAverage,
  slugify,
  variantTitle,
} from './catalog.rules.ts'
import type { CategoryRow } from './catalog.tables.ts'
import type { VariantInput } from './products.dto.ts'

const v = (sku: string, options: Record<string, string>, amount = 100, extra: Partial<VariantInput> = {}): VariantInput => ({
  sku,
  options,
  price: { amount, currency: 'USD' },
  weightGrams: 0,
  ...extra,
})

describe('slugs', () => {
  it('a name becomes lower-case ascii words joined by hyphens', () => {
    expect(slugify('Crème Brûlée & Co.')).toBe('creme-brulee-co')
    expect(slugify('  Omega-3  Fish Oil ')).toBe('omega-3-fish-oil')
    expect(slugify('日本茶')).toBe('')
  })

  it('a taken slug gets the first free numeric suffix', () => {
    expect(nextFreeSlug('tea', new Set())).toBe('tea')
    expect(nextFreeSlug('tea', new Set(['tea', 'tea-2']))).toBe('tea-3')
  })
})

describe('the option and variant grid', () => {
  const options = [
    { name: 'Size', values: ['S', 'M'] },
    { name: 'Color', values: ['Red'] },
  ]

  it('a full grid with declared values in the shop currency has no errors, whatever the case of option names', () => {
    expect(productGridErrors(options, [v('a', { Size: 'S', Color: 'Red' }), v('b', { size: 'M', color: 'Red' })], 'USD')).toEqual([])
    expect(productGridErrors([], [v('plain', {})], 'USD')).toEqual([])
  })

  it('undeclared names and values, missing options and repeated combinations are errors on the variant', () => {
    const paths = productGridErrors(
      options,
      [v('a', { Size: 'XL', Color: 'Red' }), v('b', { Size: 'S' }), v('c', { Size: 'S', Color: 'Red', Fit: 'Slim' }), v('d', { Size: 'S', Color: 'Red' })],
      'USD',
    ).map((e) => e.path)
    expect(paths).toEqual(['variants.0.options.Size', 'variants.1.options.Color', 'variants.2.options.Fit', 'variants.3.options'])
  })

  it('prices in another currency and compare-at prices not above the price are errors', () => {
    const errors = productGridErrors(
      [],
      [v('a', {}, 100, { price: { amount: 100, currency: 'EUR' }, compareAtPrice: { amount: 100, currency: 'USD' } })],
      'USD',
    )
    expect(errors.map((e) => e.path)).toEqual(['variants.0.price.currency', 'variants.0.compareAtPrice'])
  })

  it('an option declared twice or a repeated value is an error on the option', () => {
    const errors = productGridErrors([{ name: 'Size', values: ['S', 'S'] }, { name: 'size', values: ['M'] }], [], 'USD')
    expect(errors.map((e) => e.path)).toEqual(['options.0.values', 'options.1.name'])
  })

  it('variant options take the declared spelling and order; titles fall back to the values, then "Default"', () => {
    expect(canonicalVariantOptions(options, { color: 'Red', SIZE: 'M' })).toEqual({ Size: 'M', Color: 'Red' })
    expect(variantTitle(undefined, { Size: 'M', Color: 'Red' })).toBe('M / Red')
    expect(variantTitle(undefined, {})).toBe('Default')
    expect(variantTitle('Custom', { Size: 'M' })).toBe('Custom')
  })

  it('repeated skus in one request are found', () => {
    expect(duplicateSkus([{ sku: 'A' }, { sku: 'B' }, { sku: 'A' }])).toEqual(['A'])
  })
})

describe('replacing variants by sku', () => {
  it('kept skus keep their ids (removed ones come back), new skus are added, missing live ones are removed', () => {
    const existing = [
      { id: '1', sku: 'KEEP', removedAt: null },
      { id: '2', sku: 'DROP', removedAt: null },
      { id: '3', sku: 'BACK', removedAt: new Date() },
    ]
    const plan = planVariants(existing, [{ sku: 'NEW' }, { sku: 'KEEP' }, { sku: 'BACK' }])
    expect(plan.kept).toEqual([
      { id: '1', input: { sku: 'KEEP' }, position: 1 },
      { id: '3', input: { sku: 'BACK' }, position: 2 },
    ])
    expect(plan.added).toEqual([{ input: { sku: 'NEW' }, position: 0 }])
    expect(plan.removed).toEqual(['2'])
  })
})

describe('categories, ratings and visibility', () => {
  const row = (id: string, parentId: string | null, name: string): CategoryRow => ({
    id,
    parentId,
    name,
    slug: name.toLowerCase(),
    position: 0,
    path: '',
    createdAt: new Date(0),
    updatedAt: new Date(0),
    deletedAt: null,
  })

  it('rows in display order become a tree; an orphan is a root', () => {
    const tree = buildCategoryTree([row('a', null, 'A'), row('b', 'a', 'B'), row('c', 'b', 'C'), row('d', 'gone', 'D')])
    expect(tree.map((n) => n.id)).toEqual(['a', 'd'])
    expect(tree[0]?.children[0]?.children.map((n) => n.id)).toEqual(['c'])
  })

  it('a category is within its own subtree and its descendants are too, but not its siblings', () => {
    expect(isWithinSubtree('/a/', '/a/')).toBe(true)
    expect(isWithinSubtree('/a/b/c/', '/a/b/')).toBe(true)
    expect(isWithinSubtree('/a/bc/', '/a/b/')).toBe(false)
  })

  it('the average rating has one decimal and is 0 without reviews', () => {
    expect(ratingAverage(13, 3)).toBe(4.3)
    expect(ratingAverage(0, 0)).toBe(0)
  })

  it('customers see active products that are not deleted; admins see all', () => {
    expect(isVisible({ status: 'active', deletedAt: null }, { admin: false })).toBe(true)
    expect(isVisible({ status: 'draft', deletedAt: null }, { admin: false })).toBe(false)
    expect(isVisible({ status: 'active', deletedAt: new Date() }, { admin: false })).toBe(false)
    expect(isVisible({ status: 'draft', deletedAt: new Date() }, { admin: true })).toBe(true)
  })
})
