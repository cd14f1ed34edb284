import { asc, gt, inArray } from 'drizzle-orm'
import { productDeleted, productUpdated } from '../../contracts/catalog.events.ts'
import type { CatalogDeps } from './catalog.deps.ts'
import { productSnapshot } from './product-view.ts'
import { products, variants } from './catalog.tables.ts'

const BATCH = 100

/**
 * Sends every product's current snapshot again (product.updated, or product.deleted for a
 * deleted one), in batches of one transaction each. Services that keep a copy of the catalog
 * (cart, shipping, inventory) take it as news and converge; a service added to a shop that
 * already had products learns them this way. Replays change nothing for services already up to
 * date. Answers how many products were announced.
 */
export async function announceProducts(deps: CatalogDeps): Promise<number> {
  let after = ''
  let count = 0
  for (;;) {
    const batch = await deps.db
      .select()
      .from(products)
      .where(after ? gt(products.id, after) : undefined)
      .orderBy(asc(products.id))
      .limit(BATCH)
    if (batch.length === 0) return count
    const rows = await deps.db
      .select()
      .from(variants)
      .where(inArray(variants.productId, batch.map((p) => p.id)))
      .orderBy(asc(variants.productId), asc(variants.position))
    await deps.db.transaction(async (tx) => {
      for (const product of batch) {
        const own = rows.filter((v) => v.productId === product.id)
        if (product.deletedAt) {
          await deps.outbox.add(tx, productDeleted({ productId: product.id, skus: own.map((v) => v.sku) }))
        } else {
          await deps.outbox.add(tx, productUpdated(productSnapshot(product, own, new Map())))
        }
      }
    })
    count += batch.length
    after = batch.at(-1)!.id
    deps.log.info({ products: count }, 'announced products')
  }
}
