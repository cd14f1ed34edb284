import type { DbOrTx } from '../../platform/db/db.ts'
import { BadRequest, Conflict, RuleViolation } from '../../platform/errors.ts'
import { duplicateSkus, nextFreeSlug, productGridErrors, slugify } from './catalog.rules.ts'
import type { ProductImage, ProductOption } from './catalog.tables.ts'
import { findCategory } from './categories.repo.ts'
import type { VariantInput } from './products.dto.ts'
import { productSlugsLike, productSlugTaken, skuOwners } from './products.repo.ts'

/** Options and variants form a valid grid, priced in the shop currency (400 with field errors otherwise). */
export function assertValidGrid(options: ProductOption[], variants: VariantInput[], currency: string): void {
  const errors = productGridErrors(options, variants, currency)
  if (errors.length > 0) throw new BadRequest('The product options or variants are not valid.', errors, 'invalid_variants')
}

/** A body naming one sku twice is a conflict with itself. */
export function assertNoRepeatedSkus(variants: VariantInput[]): void {
  const repeated = duplicateSkus(variants)
  if (repeated.length > 0) throw skuTaken(repeated)
}

/** Skus belong to one product forever: any other product's (even a removed variant's) is taken. */
export async function assertSkusFree(db: DbOrTx, skus: string[], productId?: string): Promise<void> {
  const taken = (await skuOwners(db, skus)).filter((o) => o.productId !== productId).map((o) => o.sku)
  if (taken.length > 0) throw skuTaken(taken)
}

/** The category exists and is not deleted; null (no category) is fine. */
export async function assertCategoryUsable(db: DbOrTx, categoryId: string | null | undefined): Promise<void> {
  if (!categoryId) return
  const category = await findCategory(db, categoryId)
  if (!category || category.deletedAt) {
    throw new RuleViolation('The category does not exist.', 'unknown_category', [{ path: 'categoryId', message: 'No active category has this id.' }])
  }
}

/** The given slug if free (409 otherwise), else one derived from the name, suffixed until free. */
export async function resolveProductSlug(db: DbOrTx, given: string | undefined, name: string, productId?: string): Promise<string> {
  if (given) {
    if (await productSlugTaken(db, given, productId)) throw slugTaken(given)
    return given
  }
  const base = slugify(name) || 'product'
  return nextFreeSlug(base, await productSlugsLike(db, base))
}

/** Images in position order; a missing position is the image's place in the list. */
export function arrangeImages(images: Array<{ url: string; alt: string; position?: number | undefined }>): ProductImage[] {
  return images
    .map((img, i) => ({ url: img.url, alt: img.alt, position: img.position ?? i }))
    .sort((a, b) => a.position - b.position)
}

/** A unique violation raced past the checks above: the same 409 they give. */
export function productConflict(constraint: string): Conflict {
  if (constraint === 'products_slug_unique') return new Conflict('Another product has this slug.', 'slug_taken')
  if (constraint === 'variants_sku_unique') return new Conflict('A sku in this product is used by another product.', 'sku_taken')
  return new Conflict('Another product has this slug or one of these skus.')
}

function skuTaken(skus: string[]): Conflict {
  return new Conflict(`These skus are already in use: ${skus.join(', ')}.`, 'sku_taken')
}

function slugTaken(slug: string): Conflict {
  return new Conflict(`Another product has the slug "${slug}".`, 'slug_taken')
}
