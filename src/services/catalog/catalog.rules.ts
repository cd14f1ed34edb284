/**
 * Pure rules of the catalog: slugs, the option/variant grid, prices, the category tree and
 * ratings. No I/O.
 */
import type { FieldError } from '../../platform/errors.ts'
import type { CategoryRow, ProductOption } from './catalog.tables.ts'
import type { CategoryNode } from './categories.dto.ts'
import type { OptionInput, VariantInput } from './products.dto.ts'

const MAX_SLUG_LENGTH = 80

/** "Crème Brûlée & Co." → "creme-brulee-co": lower-case ascii words joined by hyphens ('' when nothing is left). */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '')
}

/** `base`, else `base-2`, `base-3`, … : the first one not in `taken`. */
export function nextFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`
    if (!taken.has(candidate)) return candidate
  }
}

/** Option names compare case-insensitively; values exactly. */
function optionKey(name: string): string {
  return name.trim().toLowerCase()
}

/** The declared options with values trimmed, as stored. */
export function normalizeOptions(options: OptionInput[]): ProductOption[] {
  return options.map((o) => ({ name: o.name.trim(), values: o.values.map((v) => v.trim()) }))
}

/**
 * What is wrong with a product's options and variants, as field errors: prices in the shop
 * currency, a compare-at price above the price, each variant naming exactly the declared
 * options with declared values, one variant per combination.
 */
export function productGridErrors(options: ProductOption[], variants: VariantInput[], currency: string): FieldError[] {
  const errors: FieldError[] = []
  const declared = new Map<string, ProductOption>()
  options.forEach((o, i) => {
    if (declared.has(optionKey(o.name))) errors.push({ path: `options.${i}.name`, message: `The option "${o.name}" is declared twice.` })
    declared.set(optionKey(o.name), o)
    if (new Set(o.values).size !== o.values.length) errors.push({ path: `options.${i}.values`, message: 'Each value may appear once.' })
  })
  const combinations = new Map<string, number>()
  variants.forEach((v, i) => {
    const at = `variants.${i}`
    if (v.price.currency !== currency) errors.push({ path: `${at}.price.currency`, message: `Prices are in the shop currency, ${currency}.` })
    if (v.compareAtPrice) {
      if (v.compareAtPrice.currency !== currency) {
        errors.push({ path: `${at}.compareAtPrice.currency`, message: `Prices are in the shop currency, ${currency}.` })
      }
      if (v.compareAtPrice.amount <= v.price.amount) {
        errors.push({ path: `${at}.compareAtPrice`, message: 'The compare-at price must be above the price.' })
      }
    }
    const given = Object.entries(v.options)
    for (const [name, value] of given) {
      const option = declared.get(optionKey(name))
      if (!option) errors.push({ path: `${at}.options.${name}`, message: `"${name}" is not a declared option.` })
      else if (!option.values.includes(value.trim())) {
        errors.push({ path: `${at}.options.${name}`, message: `Must be one of: ${option.values.join(', ')}.` })
      }
    }
    const givenKeys = new Set(given.map(([name]) => optionKey(name)))
    if (givenKeys.size !== given.length) errors.push({ path: `${at}.options`, message: 'An option is given twice.' })
    for (const option of declared.values()) {
      if (!givenKeys.has(optionKey(option.name))) errors.push({ path: `${at}.options.${option.name}`, message: 'A value is required.' })
    }
    const combination = combinationKey(options, v.options)
    const first = combinations.get(combination)
    if (first !== undefined) {
      errors.push({ path: `${at}.options`, message: `Variant ${first} already has these options: one variant per combination.` })
    } else combinations.set(combination, i)
  })
  return errors
}

function combinationKey(options: ProductOption[], chosen: Record<string, string>): string {
  const byKey = new Map(Object.entries(chosen).map(([k, v]) => [optionKey(k), v.trim()]))
  return JSON.stringify(options.map((o) => byKey.get(optionKey(o.name)) ?? null))
}

/** A variant's options keyed by the declared names (their declared spelling), in declared order. */
export function canonicalVariantOptions(options: ProductOption[], chosen: Record<string, string>): Record<string, string> {
  const byKey = new Map(Object.entries(chosen).map(([k, v]) => [optionKey(k), v.trim()]))
  const result: Record<string, string> = {}
  for (const o of options) {
    const value = byKey.get(optionKey(o.name))
    if (value !== undefined) result[o.name] = value
  }
  return result
}

/** The given title, else the option values ("Large / Red"), else "Default" for a plain product. */
export function variantTitle(title: string | undefined, options: Record<string, string>): string {
  if (title) return title
  const values = Object.values(options)
  return values.length > 0 ? values.join(' / ') : 'Default'
}

/** Skus that appear more than once in one request. */
export function duplicateSkus(variants: Array<{ sku: string }>): string[] {
  const seen = new Set<string>()
  const twice = new Set<string>()
  for (const v of variants) {
    if (seen.has(v.sku)) twice.add(v.sku)
    seen.add(v.sku)
  }
  return [...twice]
}

export function lowestPrice(variants: Array<{ price: { amount: number } }>): number {
  return Math.min(...variants.map((v) => v.price.amount))
}

/** Average to one decimal; 0 without reviews. */
export function ratingAverage(sum: number, count: number): number {
  return count === 0 ? 0 : Math.round((sum / count) * 10) / 10
}

export function categoryPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`
}

/** True when `candidatePath` is the category at `path` or lies under it. */
export function isWithinSubtree(candidatePath: string, path: string): boolean {
  return candidatePath.startsWith(path)
}

/** Rows in display order (position, then name) become a forest; a row whose parent is absent is a root. */
export function buildCategoryTree(rows: CategoryRow[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>()
  for (const r of rows) {
    nodes.set(r.id, {
      id: r.id,
      name: r.name,
      slug: r.slug,
      parentId: r.parentId,
      position: r.position,
      deletedAt: r.deletedAt?.toISOString() ?? null,
      children: [],
    })
  }
  const roots: CategoryNode[] = []
  for (const r of rows) {
    const node = nodes.get(r.id) as CategoryNode
    const parent = r.parentId ? nodes.get(r.parentId) : undefined
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

export interface VariantPlan<V> {
  /** Existing variants (removed ones revived) matched by sku: their ids are kept. */
  kept: Array<{ id: string; input: V; position: number }>
  added: Array<{ input: V; position: number }>
  /** Live variants whose sku is no longer in the set. */
  removed: string[]
}

/** How a new variant set replaces a product's variants, matched by sku. */
export function planVariants<V extends { sku: string }>(
  existing: Array<{ id: string; sku: string; removedAt: Date | null }>,
  next: V[],
): VariantPlan<V> {
  const bySku = new Map(existing.map((v) => [v.sku, v]))
  const plan: VariantPlan<V> = { kept: [], added: [], removed: [] }
  next.forEach((input, position) => {
    const match = bySku.get(input.sku)
    if (match) plan.kept.push({ id: match.id, input, position })
    else plan.added.push({ input, position })
  })
  const wanted = new Set(next.map((v) => v.sku))
  plan.removed = existing.filter((v) => v.removedAt === null && !wanted.has(v.sku)).map((v) => v.id)
  return plan
}

/** The stored fields of a variant given in a request (its initialStock goes to inventory, not here). */
export function variantFields(options: ProductOption[], input: VariantInput, position: number) {
  const chosen = canonicalVariantOptions(options, input.options)
  return {
    title: variantTitle(input.title, chosen),
    options: chosen,
    priceMinor: input.price.amount,
    compareAtMinor: input.compareAtPrice?.amount ?? null,
    currency: input.price.currency,
    weightGrams: input.weightGrams,
    position,
  }
}

/** Opening stock of the variants a change creates, by sku. */
export function openingStockOf(inputs: VariantInput[]): Map<string, number> {
  return new Map(inputs.filter((v) => v.initialStock !== undefined).map((v) => [v.sku, v.initialStock as number]))
}

/** Customers and anonymous callers see active products that are not deleted; admins see all. */
export function isVisible(product: { status: string; deletedAt: Date | null }, viewer: { admin: boolean }): boolean {
  return viewer.admin || (product.status === 'active' && product.deletedAt === null)
}
