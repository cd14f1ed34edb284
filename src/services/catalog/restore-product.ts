import { productUpdated } from '../../contracts/catalog.events.ts'
import type { CatalogDeps } from './catalog.deps.ts'
import { productSnapshot, toProductDtos } from './product-view.ts'
import type { ProductDto } from './products.dto.ts'
import { allVariantsOf, getProduct, setProductDeleted } from './products.repo.ts'
import { addSearchTerms } from './search-terms.repo.ts'
import { lexiconWords } from './search.rules.ts'

/** An admin brings back a soft-deleted product as it was; product.updated tells inventory its skus are sold again. */
export async function restoreProduct(deps: CatalogDeps, id: string): Promise<ProductDto> {
  const product = await getProduct(deps.db, id)
  if (product.deletedAt) {
    const restored = await deps.db.transaction(async (tx) => {
      if (!(await setProductDeleted(tx, id, false))) return false
      await addSearchTerms(tx, lexiconWords(product.name, product.brand))
      await deps.outbox.add(tx, productUpdated(productSnapshot(product, await allVariantsOf(tx, id), new Map())))
      return true
    })
    if (restored) {
      deps.answers.clear()
      deps.log.info({ productId: id }, 'product restored')
    }
  }
  const [dto] = await toProductDtos(deps.db, [await getProduct(deps.db, id)])
  return dto as ProductDto
}
