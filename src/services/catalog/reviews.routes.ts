import { bearerSecurity, optionalUser, requireUser, userOf } from '../../platform/auth.ts'
import type { App } from '../../platform/http.ts'
import { PageQuery } from '../../platform/pagination.ts'
import { addReview } from './add-review.ts'
import type { CatalogDeps } from './catalog.deps.ts'
import { listProductReviews } from './list-reviews.ts'
import { NotModified, ProductParams } from './products.dto.ts'
import { sendReadAnswer, viewerOf } from './public-answer.ts'
import { ReviewBody, ReviewDto, ReviewList } from './reviews.dto.ts'

const tags = ['reviews']

/** Product reviews: a public list and, for customers who received the product, one review each. */
export function reviewRoutes(app: App, deps: CatalogDeps): void {
  app.get(
    '/api/products/:id/reviews',
    {
      preHandler: optionalUser,
      schema: {
        tags,
        summary: "A product's reviews, newest first",
        description: 'Public answers carry a strong ETag and Cache-Control: public, max-age (304 on If-None-Match).',
        params: ProductParams,
        querystring: PageQuery,
        response: { 200: ReviewList, 304: NotModified },
      },
    },
    async (req, reply) => sendReadAnswer(req, reply, deps, () => listProductReviews(deps, req.params.id, req.query, viewerOf(req))),
  )

  app.post(
    '/api/products/:id/reviews',
    {
      preHandler: [requireUser, app.idempotency.optional],
      schema: {
        tags,
        summary: 'Review a product you received',
        description: '403 without a delivered order containing the product; 409 on a second review. Updates the product rating.',
        security: bearerSecurity,
        params: ProductParams,
        body: ReviewBody,
        response: { 201: ReviewDto },
      },
    },
    async (req, reply) => reply.code(201).send(await addReview(deps, userOf(req), req.params.id, req.body)),
  )
}
