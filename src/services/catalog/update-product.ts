import { v7 as uuidv7 } from 'uuid'
import { productUpdated } from '../../contracts/catalog.events.ts'
import { Conflict } from '../../platform/errors.ts'
import type { CatalogDeps } from './catalog.deps.ts'
import { lowestPrice, normalizeOptions, openingStockOf, planVariants, variantFields } from './catalog.rules.ts'
import type { VariantRow } from './catalog.tables.ts'
import { conflictOnDuplicate } from '../../platform/db/pg-errors.ts'
import {
  arrangeImages,
  assertCategoryUsable,
  assertNoRepeatedSkus,
  assertSkusFree,
  assertValidGrid,
  productConflict,
  resolveProductSlug,
} from './product-checks.ts'
import { productSnapshot, toProductDtos } from './product-view.ts'
import type { ProductDto, ProductPatch, VariantInput } from './products.dto.ts'
import { allVariantsOf, getProduct, insertVariants, type ProductChanges, removeVariants, updateLiveProduct, updateVariant } from './products.repo.ts'
import { addSearchTerms, pruneSearchTerms } from './search-terms.repo.ts'
import { lexiconWords } from './search.rules.ts'

/** A live variant as it would be given in a request: what a PATCH without `variants` keeps. */
function asInput(v: VariantRow): VariantInput {
  return {
    sku: v.sku,
    title: v.title,
    options: v.options,
    price: { amount: v.priceMinor, currency: v.currency },
    compareAtPrice: v.compareAtMinor !== null ? { amount: v.compareAtMinor, currency: v.currency } : null,
    weightGrams: v.weightGrams,
  }
}

/**
 * An admin changes some fields of a product. A `variants` list replaces the set, matched by
 * sku: kept skus keep their ids, new ones are added, missing ones are removed. product.updated
 * carries the whole result (opening stock only for the added variants).
 */
export async function updateProductById(deps: CatalogDeps, id: string, patch: ProductPatch): Promise<ProductDto> {
  const current = await getProduct(deps.db, id)
  if (current.deletedAt) throw productIsDeleted()
  const existing = await allVariantsOf(deps.db, id)
  const options = patch.options ? normalizeOptions(patch.options) : current.options
  const next = patch.variants ?? existing.filter((v) => v.removedAt === null).map(asInput)
  assertValidGrid(options, next, deps.config.currency)
  if (patch.variants) {
    assertNoRepeatedSkus(patch.variants)
    await assertSkusFree(
      deps.db,
      patch.variants.map((v) => v.sku),
      id,
    )
  }
  if (patch.categoryId !== undefined) await assertCategoryUsable(deps.db, patch.categoryId)
  const slug = patch.slug !== undefined && patch.slug !== current.slug ? await resolveProductSlug(deps.db, patch.slug, current.name, id) : current.slug

  const changes: ProductChanges = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    slug,
    ...(patch.brand !== undefined ? { brand: patch.brand?.trim() || null } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.categoryId !== undefined ? { categoryId: patch.categoryId } : {}),
    ...(patch.images !== undefined ? { images: arrangeImages(patch.images) } : {}),
    ...(patch.status !== undefined ? { status: patch.status } : {}),
    options,
    minPriceMinor: lowestPrice(next),
  }
  const plan = planVariants(existing, next)
  const added = plan.added.map(({ input, position }) => ({ id: uuidv7(), productId: id, sku: input.sku, ...variantFields(options, input, position), removedAt: null }))
  const oldWords = lexiconWords(current.name, current.brand)
  const name = changes.name ?? current.name
  const brand = changes.brand !== undefined ? changes.brand : current.brand
  const newWords = lexiconWords(name, brand)

  await conflictOnDuplicate(
    () =>
      deps.db.transaction(async (tx) => {
        if (!(await updateLiveProduct(tx, id, changes))) throw productIsDeleted()
        if (patch.variants || patch.options) {
          for (const { id: variantId, input, position } of plan.kept) {
            await updateVariant(tx, variantId, { ...variantFields(options, input, position), removedAt: null })
          }
          await insertVariants(tx, added)
          await removeVariants(tx, plan.removed)
        }
        await addSearchTerms(tx, newWords)
        await pruneSearchTerms(
          tx,
          oldWords.filter((w) => !newWords.includes(w)),
        )
        const variants = await allVariantsOf(tx, id)
        const opening = openingStockOf(plan.added.map((a) => a.input))
        await deps.outbox.add(tx, productUpdated(productSnapshot({ id, slug, name, status: changes.status ?? current.status }, variants, opening)))
      }),
    productConflict,
  )
  deps.answers.clear()
  const [dto] = await toProductDtos(deps.db, [await getProduct(deps.db, id)])
  return dto as ProductDto
}

function productIsDeleted(): Conflict {
  return new Conflict('The product is deleted: restore it before changing it.', 'product_deleted')
}
