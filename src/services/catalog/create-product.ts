import { v7 as uuidv7 } from 'uuid'
import { productCreated } from '../../contracts/catalog.events.ts'
import type { CatalogDeps } from './catalog.deps.ts'
import { lowestPrice, normalizeOptions, openingStockOf, variantFields } from './catalog.rules.ts'
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
import type { ProductBody, ProductDto } from './products.dto.ts'
import { getProduct, insertProduct, insertVariants } from './products.repo.ts'
import { addSearchTerms } from './search-terms.repo.ts'
import { lexiconWords } from './search.rules.ts'

/** An admin adds a product with its variants; product.created tells inventory the skus and opening stock. */
export async function createProduct(deps: CatalogDeps, body: ProductBody): Promise<ProductDto> {
  const options = normalizeOptions(body.options)
  assertValidGrid(options, body.variants, deps.config.currency)
  assertNoRepeatedSkus(body.variants)
  await assertCategoryUsable(deps.db, body.categoryId)
  await assertSkusFree(
    deps.db,
    body.variants.map((v) => v.sku),
  )
  const slug = await resolveProductSlug(deps.db, body.slug, body.name)
  const brand = body.brand?.trim() || null
  const id = uuidv7()
  const variants = body.variants.map((v, i) => ({ id: uuidv7(), productId: id, sku: v.sku, ...variantFields(options, v, i), removedAt: null }))

  await conflictOnDuplicate(
    () =>
      deps.db.transaction(async (tx) => {
        await insertProduct(tx, {
          id,
          slug,
          name: body.name,
          brand,
          description: body.description,
          categoryId: body.categoryId ?? null,
          images: arrangeImages(body.images),
          options,
          status: body.status,
          minPriceMinor: lowestPrice(body.variants),
        })
        await insertVariants(tx, variants)
        await addSearchTerms(tx, lexiconWords(body.name, brand))
        await deps.outbox.add(tx, productCreated(productSnapshot({ id, slug, name: body.name, status: body.status }, variants, openingStockOf(body.variants))))
      }),
    productConflict,
  )
  deps.answers.clear()
  deps.log.debug({ productId: id, skus: variants.map((v) => v.sku) }, 'product created')
  const [dto] = await toProductDtos(deps.db, [await getProduct(deps.db, id)])
  return dto as ProductDto
}
