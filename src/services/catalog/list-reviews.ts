import { type PageQuery, pageOf } from '../../platform/pagination.ts'
import type { CatalogDeps } from './catalog.deps.ts'
import { getVisibleProduct, type Viewer } from './get-product.ts'
import { type ReviewList, toReviewDto } from './reviews.dto.ts'
import { listReviews } from './reviews.repo.ts'

/** A product's reviews, newest first. */
export async function listProductReviews(deps: CatalogDeps, productId: string, query: PageQuery, viewer: Viewer): Promise<ReviewList> {
  await getVisibleProduct(deps.db, productId, viewer)
  const page = pageOf(query)
  const { rows, total } = await listReviews(deps.db, productId, page)
  return { items: rows.map(toReviewDto), total, page: page.page, pageSize: page.pageSize }
}
