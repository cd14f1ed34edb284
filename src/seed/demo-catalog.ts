/**
 * The demo catalog of a health and wellness shop: a three-level category tree and a few hundred
 * products with variants, generated from the small tables in `demo-catalog.data.ts`.
 *
 * Pure data, fully deterministic: every product draws from its own PRNG seeded by its name, so
 * the output is the same on every run and editing one product does not reshuffle the others.
 * Money is in USD cents. Image urls point at one placeholder per category, served by the gateway.
 */
import { LIQUID_OPTS, POWDER_OPTS, ROOTS } from './demo-catalog.data.ts'
import type { LeafSpec, NodeSpec, OptionSpec, RootSpec } from './demo-catalog.data.ts'

export interface DemoCategory { key: string; name: string; parentKey?: string }
export interface DemoVariant { sku: string; title: string; options: Record<string, string>; priceMinor: number; compareAtMinor?: number; weightGrams: number; initialStock: number }
export interface DemoProduct { name: string; slug: string; brand: string; description: string; categoryKey: string; status: 'active' | 'draft'; options: Array<{ name: string; values: string[] }>; variants: DemoVariant[]; images: Array<{ url: string; alt: string; position: number }> }
export interface DemoCatalog { categories: DemoCategory[]; products: DemoProduct[] }

export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,40}$/
const MIN_PRICE = 499
const MAX_PRICE = 14_900
/** Every DRAFT_EVERY-th product (from DRAFT_OFFSET) is a draft: about five in the catalog. */
const DRAFT_EVERY = 71
const DRAFT_OFFSET = 35

const COUNT_FORMS = new Set(['capsules', 'tablets', 'softgels', 'gummies', 'lozenges'])
const LIQUID_WORDS = new Set(['drops', 'spray', 'liquid', 'syrup', 'tonic', 'tincture', 'mist', 'serum', 'oil'])
/** grams per unit of a measurable option value such as "60 capsules" or "500 g" */
const UNIT_GRAMS: Record<string, number> = {
  g: 1.08, kg: 1060, ml: 1.1, capsules: 0.8, tablets: 1, softgels: 1.4, gummies: 3.5, lozenges: 2.5,
  bags: 2.5, servings: 12, bars: 62, pouch: 120, pouches: 120,
}
const PACKAGING_GRAMS = 40
const SKU_STOPWORDS = new Set(['AND', 'WITH', 'OF', 'THE', 'FOR', 'FROM', 'IU', 'MG', 'MCG', 'MM', 'CFU'])

interface Ctx { name: string; brand: string; b1: string; b2: string; w1: string; w2: string; x: string; label: string }
const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
const DESCRIPTIONS: Array<(c: Ctx) => string> = [
  (c) => `${c.name} from ${c.brand} supports ${c.b1} and ${c.b2}. ${c.label}: ${c.w1} and ${c.w2}.`,
  (c) => `Made with ${c.w1}, ${c.name} is an easy way to support ${c.b1}. ${capitalize(c.x)}.`,
  (c) => `${c.brand} ${c.name} combines ${c.w1} with ${c.w2} to support ${c.b1}. ${capitalize(c.x)}.`,
  (c) => `Everyday support for ${c.b1} and ${c.b2}. ${c.name} by ${c.brand} features ${c.w1} and ${c.w2}, and is ${c.x}.`,
  (c) => `${c.name} helps maintain ${c.b1} as part of a healthy routine. ${c.label}: ${c.w1} and ${c.w2}.`,
]

/** mulberry32: a tiny, well-distributed 32-bit PRNG returning floats in [0, 1). */
export function createRng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** FNV-1a, to seed a product's PRNG from its name. */
function hashString(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** "Women's 50+ Multivitamin Tablets" → "womens-50-multivitamin-tablets" */
export function slugify(name: string): string {
  return name.toLowerCase().replace(/['’]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
}

function at<T>(list: readonly T[], index: number): T {
  const value = list[index]
  if (value === undefined) throw new Error(`demo catalog: index ${index} out of range`)
  return value
}

const splitList = (s: string, sep: string): string[] => s.split(sep).map((part) => part.trim()).filter(Boolean)

/** "Vitamin D3 {1000|2000} IU" → ["Vitamin D3 1000 IU", "Vitamin D3 2000 IU"] */
function expandPattern(pattern: string): string[] {
  const match = /\{([^}]*)\}/.exec(pattern)
  if (!match) return [pattern]
  const head = pattern.slice(0, match.index)
  const tail = pattern.slice(match.index + match[0].length)
  return splitList(match[1] ?? '', '|').flatMap((alt) => expandPattern(`${head}${alt}${tail}`))
}

/** "Cork Yoga Mat @5999/1500" → name, price and weight overrides */
function parseItem(item: string): { pattern: string; price?: number; grams?: number } {
  const m = /^(.*?)\s*(?:@(\d+))?\s*(?:\/(\d+))?$/.exec(item)
  const pattern = m?.[1] ?? item
  return { pattern, ...(m?.[2] ? { price: Number(m[2]) } : {}), ...(m?.[3] ? { grams: Number(m[3]) } : {}) }
}

const COUNT_VALUE = /\b(capsules|tablets|softgels|gummies|lozenges)\b/
/** Sold by weight, volume, servings or packs, rather than by a count of capsules or tablets. */
const isBulk = (o: OptionSpec): boolean =>
  o.values.some((v) => {
    const unit = /^\d+ ([a-z]+)$/.exec(v)?.[1]
    return unit !== undefined && unit in UNIT_GRAMS && !COUNT_FORMS.has(unit)
  })

/** The leaf's options, adapted to the product's form ("… Gummies", "… Drops", "… Powder"). */
function optionsFor(name: string, leafOpts: OptionSpec[]): OptionSpec[] {
  const last = name.split(' ').pop()?.toLowerCase() ?? ''
  const bulk = leafOpts.some(isBulk)
  if (COUNT_FORMS.has(last)) {
    if (leafOpts.some((o) => o.values.some((v) => COUNT_VALUE.test(v)))) {
      return leafOpts.map((o) => ({ ...o, values: o.values.map((v) => v.replace(COUNT_VALUE, last)) }))
    }
    return [{ name: 'Size', values: [`60 ${last}`, `120 ${last}`], mult: [1, 1.7] }]
  }
  if (!bulk && LIQUID_WORDS.has(last)) return LIQUID_OPTS
  if (!bulk && last === 'powder') return POWDER_OPTS
  return leafOpts
}

/** Round to a price ending in .49 or .99, within the shop's range. */
function roundPrice(cents: number): number {
  return Math.min(MAX_PRICE, Math.max(MIN_PRICE, Math.round(cents / 50) * 50 - 1))
}

/** Shipping weight from the first measurable option value ("120 softgels", "1 kg"), else the fallback. */
function weightOf(values: string[], fallback: number): number {
  for (const value of values) {
    const m = /^(\d+(?:\.\d+)?) ([a-z]+)$/.exec(value)
    const perUnit = m?.[2] ? UNIT_GRAMS[m[2]] : undefined
    if (m && perUnit !== undefined) return Math.round(PACKAGING_GRAMS + Number(m[1]) * perUnit)
  }
  return fallback
}

/** "Omega-3 Fish Oil 1000 mg" → "OME-3-FIS-OIL-1000", unique among the codes already taken. */
function productCode(name: string, taken: Set<string>): string {
  const tokens = name.toUpperCase().replace(/['’]/g, '').split(/[^A-Z0-9]+/).filter((t) => t && !SKU_STOPWORDS.has(t))
  let code = ''
  for (const token of tokens) {
    const part = /\d/.test(token) ? token.slice(0, 5) : token.slice(0, 3)
    if (code && code.length + part.length + 1 > 20) break
    code = code ? `${code}-${part}` : part
  }
  let unique = code
  for (let n = 2; taken.has(unique); n++) unique = `${code}-${n}`
  taken.add(unique)
  return unique
}

/** "1 kg" → "1KG", "120 capsules" → "120", "Blue Raspberry" → "BLURAS" */
function valueCode(value: string): string {
  const tokens = value.toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean)
  const [first = '', unit = ''] = tokens
  if (/^\d+$/.test(first)) return ['G', 'KG', 'ML'].includes(unit) ? first + unit : first
  return tokens.map((t) => t.slice(0, 3)).join('').slice(0, 9)
}

/** Every combination of option value indexes, first option varying slowest. */
function combinations(opts: OptionSpec[]): number[][] {
  return opts.reduce<number[][]>((acc, o) => acc.flatMap((combo) => o.values.map((_, i) => [...combo, i])), [[]])
}

function initialStock(rng: () => number): number {
  const r = rng()
  if (r < 0.08) return 0
  if (r < 0.16) return 1 + Math.floor(rng() * 5)
  return 20 + Math.floor(rng() * 181)
}

interface ProductInput { name: string; price?: number; grams?: number; leaf: LeafSpec; root: RootSpec; categoryKey: string; brand: string; codes: Set<string> }

function buildProduct({ name, price, grams, leaf, root, categoryKey, brand, codes }: ProductInput): DemoProduct {
  const rng = createRng(hashString(name))
  const opts = optionsFor(name, leaf.opts)
  const withOptions = rng() < 0.5
  const base = price ?? leaf.base * (0.8 + rng() * 0.5)
  const code = productCode(name, codes)
  const combos = withOptions ? combinations(opts) : [opts.map(() => 0)]
  const variants = combos.map((combo): DemoVariant => {
    const values = combo.map((index, o) => at(at(opts, o).values, index))
    const mult = combo.reduce((m, index, o) => m * (at(opts, o).mult?.[index] ?? 1), 1)
    const priceMinor = roundPrice(base * mult)
    const variant: DemoVariant = {
      sku: withOptions ? [code, ...values.map(valueCode)].join('-') : code,
      title: withOptions ? values.join(' / ') : 'Default',
      options: withOptions ? Object.fromEntries(values.map((v, o) => [at(opts, o).name, v])) : {},
      priceMinor,
      weightGrams: weightOf(values, grams ?? leaf.grams),
      initialStock: initialStock(rng),
    }
    if (rng() < 0.2) {
      const compareAt = roundPrice(priceMinor * (1.15 + rng() * 0.25))
      if (compareAt > priceMinor) variant.compareAtMinor = compareAt
    }
    return variant
  })

  const benefits = splitList(leaf.benefits, '|')
  const made = splitList(leaf.made, '|')
  const b = Math.floor(rng() * benefits.length)
  const w = Math.floor(rng() * made.length)
  const ctx: Ctx = {
    name, brand, label: root.madeLabel,
    b1: at(benefits, b), b2: at(benefits, (b + 1) % benefits.length),
    w1: at(made, w), w2: at(made, (w + 1) % made.length),
    x: at(splitList(root.extras, '|'), Math.floor(rng() * splitList(root.extras, '|').length)),
  }
  const description = at(DESCRIPTIONS, Math.floor(rng() * DESCRIPTIONS.length))(ctx)
  const url = `/images/demo/${categoryKey}.svg`
  const images = [{ url, alt: `${name} by ${brand}`, position: 0 }]
  if (rng() < 0.35) images.push({ url, alt: `${name}${root.altDetail}`, position: 1 })

  return {
    name, slug: slugify(name), brand, description, categoryKey, status: 'active',
    options: withOptions ? opts.map((o) => ({ name: o.name, values: [...o.values] })) : [],
    variants, images,
  }
}

/** Builds the whole catalog; throws if the tables break a uniqueness rule. */
export function buildDemoCatalog(): DemoCatalog {
  const categories: DemoCategory[] = []
  const products: DemoProduct[] = []
  const codes = new Set<string>()

  for (const root of ROOTS) {
    const brands = splitList(root.brands, '|')
    let turn = 0
    const walk = (node: NodeSpec, parentKey?: string): void => {
      const key = slugify(node.name)
      categories.push(parentKey ? { key, name: node.name, parentKey } : { key, name: node.name })
      for (const child of node.children ?? []) walk(child, key)
      const leaf = node.leaf
      if (!leaf) return
      for (const item of splitList(leaf.items, ';')) {
        const { pattern, price, grams } = parseItem(item)
        for (const name of expandPattern(pattern)) {
          const brand = at(brands, turn++ % brands.length)
          products.push(buildProduct({ name, price, grams, leaf, root, categoryKey: key, brand, codes }))
        }
      }
    }
    walk(root)
  }
  products.forEach((p, i) => {
    if (i % DRAFT_EVERY === DRAFT_OFFSET) p.status = 'draft'
  })

  assertUnique('category key', categories.map((c) => c.key))
  assertUnique('product name', products.map((p) => p.name))
  assertUnique('product slug', products.map((p) => p.slug))
  const skus = products.flatMap((p) => p.variants.map((v) => v.sku))
  assertUnique('sku', skus)
  const badSku = skus.find((sku) => !SKU_PATTERN.test(sku))
  if (badSku) throw new Error(`demo catalog: sku ${badSku} does not match ${SKU_PATTERN}`)
  return { categories, products }
}

function assertUnique(what: string, values: string[]): void {
  const seen = new Set<string>()
  for (const v of values) {
    if (seen.has(v)) throw new Error(`demo catalog: duplicate ${what} "${v}"`)
    seen.add(v)
  }
}

const catalog = buildDemoCatalog()
/** Parents before children. */
export const DEMO_CATEGORIES: readonly DemoCategory[] = catalog.categories
export const DEMO_PRODUCTS: readonly DemoProduct[] = catalog.products
