import type { ProductInput, VariantInput } from '../../api/admin-catalog.ts'
import type { Product, ProductStatus } from '../../api/catalog.ts'
import { fromMinor, toMinor } from './admin-utils.ts'

/** The product form's state: text as typed, turned into the API's shape on save. */

export interface OptionRow {
  key: string
  name: string
  /** Comma-separated, as typed. */
  values: string
}

export interface VariantRow {
  key: string
  /** Set for variants the product already has. */
  id?: string
  sku: string
  title: string
  options: Record<string, string>
  price: string
  compareAtPrice: string
  weightGrams: string
  initialStock: string
}

export interface ProductForm {
  name: string
  slug: string
  brand: string
  description: string
  categoryId: string
  status: ProductStatus
  images: string
  options: OptionRow[]
  variants: VariantRow[]
}

let counter = 0
export const rowKey = () => `row-${++counter}`

export function emptyVariant(): VariantRow {
  return { key: rowKey(), sku: '', title: '', options: {}, price: '', compareAtPrice: '', weightGrams: '0', initialStock: '' }
}

export function emptyForm(): ProductForm {
  return { name: '', slug: '', brand: '', description: '', categoryId: '', status: 'draft', images: '', options: [], variants: [emptyVariant()] }
}

export function formOf(p: Product): ProductForm {
  return {
    name: p.name,
    slug: p.slug,
    brand: p.brand ?? '',
    description: p.description,
    categoryId: p.categoryId ?? '',
    status: p.status,
    images: [...p.images]
      .sort((a, b) => a.position - b.position)
      .map((i) => i.url)
      .join('\n'),
    options: p.options.map((o) => ({ key: rowKey(), name: o.name, values: o.values.join(', ') })),
    variants: p.variants.map((v) => ({
      key: rowKey(),
      id: v.id,
      sku: v.sku,
      title: v.title,
      options: { ...v.options },
      price: fromMinor(v.price.amount),
      compareAtPrice: v.compareAtPrice ? fromMinor(v.compareAtPrice.amount) : '',
      weightGrams: String(v.weightGrams),
      initialStock: '',
    })),
  }
}

/** The option names in use (trimmed, non-empty, first of each). */
export function optionNames(form: ProductForm): string[] {
  return [...new Set(form.options.map((o) => o.name.trim()).filter(Boolean))]
}

export function splitValues(text: string): string[] {
  return [...new Set(text.split(',').map((v) => v.trim()).filter(Boolean))]
}

export type LocalErrors = Record<string, string>

/**
 * The body to send, or the fields that are not right yet (keyed by the API's own paths, so
 * they show where the API's errors would).
 */
export function toInput(form: ProductForm, currency: string, existing?: Product): { input?: ProductInput; errors: LocalErrors } {
  const errors: LocalErrors = {}
  if (!form.name.trim()) errors.name = 'Give the product a name'
  const names = optionNames(form)
  const options = form.options
    .map((o, i) => ({ i, name: o.name.trim(), values: splitValues(o.values) }))
    .filter((o) => o.name || o.values.length)
  for (const o of options) {
    if (!o.name) errors[`options.${o.i}.name`] = 'Name the option'
    if (o.values.length === 0) errors[`options.${o.i}.values`] = 'List at least one value'
  }
  if (form.variants.length === 0) errors.variants = 'A product needs at least one variant'

  const variants: VariantInput[] = form.variants.map((v, i) => {
    const path = `variants.${i}`
    const price = toMinor(v.price)
    if (!v.sku.trim()) errors[`${path}.sku`] = 'Required'
    if (price === undefined) errors[`${path}.price`] = v.price.trim() ? 'Dollars, like 12.50' : 'Required'
    const compare = v.compareAtPrice.trim() ? toMinor(v.compareAtPrice) : null
    if (compare === undefined) errors[`${path}.compareAtPrice`] = 'Dollars, like 15.00'
    const weight = Number(v.weightGrams || '0')
    if (!Number.isInteger(weight) || weight < 0) errors[`${path}.weightGrams`] = 'Whole grams, 0 or more'
    const stock = v.initialStock.trim() ? Number(v.initialStock) : undefined
    if (stock !== undefined && (!Number.isInteger(stock) || stock < 0)) errors[`${path}.initialStock`] = 'A whole number, 0 or more'
    const chosen = Object.fromEntries(
      names.flatMap((n) => {
        const value = v.options[n]?.trim()
        return value ? [[n, value] as const] : []
      }),
    )
    return {
      sku: v.sku.trim(),
      ...(v.title.trim() ? { title: v.title.trim() } : {}),
      options: chosen,
      price: { amount: price ?? 0, currency },
      compareAtPrice: compare ? { amount: compare, currency } : null,
      weightGrams: Number.isInteger(weight) ? weight : 0,
      ...(stock !== undefined && !v.id ? { initialStock: stock } : {}),
    }
  })
  if (Object.keys(errors).length > 0) return { errors }

  const alts = new Map((existing?.images ?? []).map((i) => [i.url, i.alt]))
  const urls = form.images
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  return {
    errors,
    input: {
      name: form.name.trim(),
      ...(form.slug.trim() ? { slug: form.slug.trim() } : {}),
      brand: form.brand.trim() || null,
      description: form.description,
      categoryId: form.categoryId || null,
      status: form.status,
      images: urls.map((url, position) => ({ url, alt: alts.get(url) ?? form.name.trim(), position })),
      options: options.map((o) => ({ name: o.name, values: o.values })),
      variants,
    },
  }
}
