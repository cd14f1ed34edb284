import { v7 as uuidv7 } from 'uuid'
import type { AuthUser } from '../../platform/auth.ts'
import { Conflict, Forbidden } from '../../platform/errors.ts'
import type { CatalogDeps } from './catalog.deps.ts'
import { conflictOnDuplicate } from '../../platform/db/pg-errors.ts'
import { getVisibleProduct } from './get-product.ts'
import { addRating } from './products.repo.ts'
import { type ReviewBody, type ReviewDto, toReviewDto } from './reviews.dto.ts'
import { hasReviewed, insertReview, isEligibleToReview } from './reviews.repo.ts'

/**
 * A customer who received the product reviews it, once. The product's rating moves in the same
 * transaction as the review is stored.
 */
export async function addReview(deps: CatalogDeps, customer: AuthUser, productId: string, body: ReviewBody): Promise<ReviewDto> {
  await getVisibleProduct(deps.db, productId, { admin: false })
  if (!(await isEligibleToReview(deps.db, customer.id, productId))) {
    throw new Forbidden('Only customers with a delivered order containing this product can review it.', 'not_eligible')
  }
  if (await hasReviewed(deps.db, customer.id, productId)) throw alreadyReviewed()
  const review = await conflictOnDuplicate(
    () =>
      deps.db.transaction(async (tx) => {
        const row = await insertReview(tx, {
          id: uuidv7(),
          productId,
          customerId: customer.id,
          rating: body.rating,
          title: body.title || null,
          body: body.body || null,
        })
        await addRating(tx, productId, body.rating)
        return row
      }),
    alreadyReviewed,
  )
  deps.answers.clear()
  return toReviewDto(review)
}

function alreadyReviewed(): Conflict {
  return new Conflict('You have already reviewed this product.', 'already_reviewed')
}
