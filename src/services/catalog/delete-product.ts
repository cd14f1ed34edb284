import { productDeleted } from '../../contracts/catalog.events.ts'
import type { CatalogDeps } from './catalog.deps.ts'
import { allVariantsOf, getProduct, setProductDeleted } from './products.repo.ts'
import { pruneSearchTerms } from './search-terms.repo.ts'
import { lexiconWords } from './search.rules.ts'

/** An admin soft-deletes a product: customers no longer see it and product.deleted retires its skus. Deleting twice changes nothing. */
export async function deleteProduct(deps: CatalogDeps, id: string): Promise<void> {
  const product = await getProduct(deps.db, id)
  if (product.deletedAt) return
  const skus = (await allVariantsOf(deps.db, id)).filter((v) => v.removedAt === null).map((v) => v.sku)
  const deleted = await deps.db.transaction(async (tx) => {
    if (!(await setProductDeleted(tx, id, true))) return false
    await pruneSearchTerms(tx, lexiconWords(product.name, product.brand))
    await deps.outbox.add(tx, productDeleted({ productId: id, skus }))
    return true
  })
  if (!deleted) return
  deps.answers.clear()
  deps.log.info({ productId: id }, 'product deleted')
}
