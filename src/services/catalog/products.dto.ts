import { z } from 'zod'
import { Money } from '../../contracts/money.ts'
import { PRODUCT_STATUSES } from './catalog.tables.ts'

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Text PostgreSQL can store: no NUL characters and no unpaired surrogates (it refuses both in text and jsonb). */
export function storable(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s)
}

export function text() {
  return z.string().refine(storable, 'Must be text without NUL characters or unpaired surrogates')
}

export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
const MAX_WEIGHT_GRAMS = 1_000_000_000
const MAX_STOCK = 1_000_000_000

export const Slug = z
  .string()
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lower-case letters, digits and single hyphens, like "green-tea"')
export const Sku = z.string().regex(SKU_PATTERN, 'Letters, digits, ".", "_" and "-", starting with a letter or digit, at most 64 characters')
export const ProductStatus = z.enum(PRODUCT_STATUSES)

/** An absolute http(s) URL, or a path on this site ("/images/demo/tea.svg", as the demo catalog uses). */
const ImageUrl = z.union([
  z.httpUrl().max(2000).refine(storable, 'Must be text without NUL characters or unpaired surrogates'),
  z
    .string()
    .max(2000)
    .regex(/^\/(?![/\\])[^\s\\\u0000-\u001f\u007f]*$/u, 'An http(s) URL or a path starting with "/"')
    .refine(storable, 'Must be text without NUL characters or unpaired surrogates'),
])

const ImageInput = z.object({
  url: ImageUrl,
  alt: text().trim().max(300).default(''),
  position: z.number().int().min(0).max(10_000).optional(),
})

const OptionInput = z.object({
  name: text().trim().min(1).max(50),
  values: z.array(text().trim().min(1).max(100)).min(1).max(100),
})
export type OptionInput = z.infer<typeof OptionInput>

const VariantInput = z.object({
  sku: Sku,
  title: text().trim().min(1).max(200).optional(),
  options: z.record(text().max(50), text().max(100)).default({}),
  price: Money,
  compareAtPrice: Money.nullable().optional(),
  weightGrams: z.number().int().min(0).max(MAX_WEIGHT_GRAMS).default(0),
  initialStock: z
    .number()
    .int()
    .min(0)
    .max(MAX_STOCK)
    .optional()
    .describe('Write-only opening stock, passed to inventory with product.created (or product.updated for a new variant)'),
})
export type VariantInput = z.infer<typeof VariantInput>

const Name = text().trim().min(1).max(200)
const Brand = text().trim().max(100).nullable()
const Description = text().max(20_000)
const CategoryRef = z.uuid().nullable()
const Images = z.array(ImageInput).max(50)
const Options = z.array(OptionInput).max(10)
const Variants = z.array(VariantInput).min(1).max(250)

/** POST /api/products: the product shape without ids, rating and availability. */
export const ProductBody = z.object({
  name: Name,
  slug: Slug.optional().describe('Derived from the name when absent'),
  brand: Brand.optional(),
  description: Description.default(''),
  categoryId: CategoryRef.optional(),
  images: Images.default([]),
  options: Options.default([]),
  status: ProductStatus.default('draft'),
  variants: Variants,
})
export type ProductBody = z.infer<typeof ProductBody>

/** PATCH /api/products/:id: any subset; `variants` replaces the set, matched by sku. */
export const ProductPatch = z.object({
  name: Name.optional(),
  slug: Slug.optional(),
  brand: Brand.optional(),
  description: Description.optional(),
  categoryId: CategoryRef.optional(),
  images: Images.optional(),
  options: Options.optional(),
  status: ProductStatus.optional(),
  variants: Variants.optional(),
})
export type ProductPatch = z.infer<typeof ProductPatch>

export const VariantDto = z.object({
  id: z.uuid(),
  sku: z.string(),
  title: z.string(),
  options: z.record(z.string(), z.string()),
  price: Money,
  compareAtPrice: Money.optional(),
  weightGrams: z.number().int(),
  available: z.number().int(),
})
export type VariantDto = z.infer<typeof VariantDto>

export const ProductDto = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  brand: z.string().nullable(),
  description: z.string(),
  categoryId: z.uuid().nullable(),
  images: z.array(z.object({ url: z.string(), alt: z.string(), position: z.number().int() })),
  options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  status: ProductStatus,
  variants: z.array(VariantDto),
  rating: z.object({ average: z.number(), count: z.number().int() }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  deletedAt: z.iso.datetime().nullable().describe('Set on soft-deleted products, which only admins see'),
})
export type ProductDto = z.infer<typeof ProductDto>

export const ProductParams = z.object({ id: z.uuid() })
export const SlugParams = z.object({ slug: text().min(1).max(200) })
export const NoContent = z.null().describe('No content')
export const NotModified = z.null().describe('Not modified: the If-None-Match ETag is current')
