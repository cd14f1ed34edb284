import type { DbOrTx } from '../../platform/db/db.ts'
import { NotFound } from '../../platform/errors.ts'
import type { CatalogDeps } from './catalog.deps.ts'
import { isVisible } from './catalog.rules.ts'
import { toProductDtos } from './product-view.ts'
import type { ProductDto } from './products.dto.ts'
import { findProduct, findProductBySlug, type ProductRecord } from './products.repo.ts'

export interface Viewer {
  admin: boolean
}

/** The product if this viewer may see it; 404 otherwise, so that a draft's existence does not show. */
export async function getVisibleProduct(db: DbOrTx, id: string, viewer: Viewer): Promise<ProductRecord> {
  const product = await findProduct(db, id)
  if (!product || !isVisible(product, viewer)) throw new NotFound('Product')
  return product
}

/** One product by id or slug, as this viewer may see it. */
export async function getProductFor(deps: CatalogDeps, by: { id: string } | { slug: string }, viewer: Viewer): Promise<ProductDto> {
  const product = 'id' in by ? await findProduct(deps.db, by.id) : await findProductBySlug(deps.db, by.slug)
  if (!product || !isVisible(product, viewer)) throw new NotFound('Product')
  const [dto] = await toProductDtos(deps.db, [product])
  return dto as ProductDto
}
