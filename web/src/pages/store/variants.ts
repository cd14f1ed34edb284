import type { Product, Variant } from '../../api/catalog.ts'

/** The option names a shopper chooses between, in the product's order. */
export function optionNames(product: Product): string[] {
  if (product.options.length > 0) return product.options.map((o) => o.name)
  const names: string[] = []
  for (const v of product.variants) for (const n of Object.keys(v.options)) if (!names.includes(n)) names.push(n)
  return names
}

/** The values of one option, in the product's order (or as the variants list them). */
export function optionValues(product: Product, name: string): string[] {
  const declared = product.options.find((o) => o.name === name)?.values
  const used: string[] = []
  for (const v of product.variants) {
    const value = v.options[name]
    if (value !== undefined && !used.includes(value)) used.push(value)
  }
  return declared ? [...declared.filter((d) => used.includes(d)), ...used.filter((u) => !declared.includes(u))] : used
}

/** The first variant in stock, else the first. */
export function defaultVariant(product: Product): Variant | undefined {
  return product.variants.find((v) => v.available > 0) ?? product.variants[0]
}

/**
 * The variant to show after picking `value` for `name`: the one matching every current choice,
 * else the closest one with that value (most other choices kept, in stock preferred).
 */
export function pickVariant(product: Product, current: Variant | undefined, name: string, value: string): Variant | undefined {
  const wanted = { ...(current?.options ?? {}), [name]: value }
  const names = optionNames(product)
  const candidates = product.variants.filter((v) => v.options[name] === value)
  const score = (v: Variant) => names.filter((n) => v.options[n] === wanted[n]).length * 2 + (v.available > 0 ? 1 : 0)
  return candidates.reduce<Variant | undefined>((best, v) => (!best || score(v) > score(best) ? v : best), undefined)
}

/** The variant a value would lead to, keeping the other current choices (for "sold out" hints). */
export function variantFor(product: Product, current: Variant | undefined, name: string, value: string): Variant | undefined {
  const wanted = { ...(current?.options ?? {}), [name]: value }
  const names = optionNames(product)
  return product.variants.find((v) => names.every((n) => v.options[n] === wanted[n]))
}
