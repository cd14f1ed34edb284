import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import { catalogKeys, listReviews, type Product } from '../../api/catalog.ts'
import { useAuth } from '../../auth.tsx'
import { Empty, ErrorState, Loading, Pager } from '../../components/ui.tsx'
import { formatDate } from '../../format.ts'
import { RatingSummary, Stars } from './Rating.tsx'
import { ReviewForm } from './ReviewForm.tsx'

const PAGE_SIZE = 10

/** The rating summary, the reviews (newest first) and, for signed-in shoppers, the form. */
export function Reviews({ product }: { product: Product }) {
  const { user } = useAuth()
  const queryClient = useQueryClient()
  const [page, setPage] = useState(1)
  const reviews = useQuery({
    queryKey: catalogKeys.reviews(product.id, page),
    queryFn: ({ signal }) => listReviews(product.id, page, PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
  })

  const posted = () => {
    setPage(1)
    void queryClient.invalidateQueries({ queryKey: catalogKeys.allReviews(product.id) })
    void queryClient.invalidateQueries({ queryKey: catalogKeys.product(product.slug) })
  }

  return (
    <section id="reviews" className="reviews" aria-labelledby="reviews-heading">
      <h2 id="reviews-heading">Reviews</h2>
      {product.rating.count > 0 && <RatingSummary rating={product.rating} />}
      {user ? (
        <ReviewForm productId={product.id} onPosted={posted} />
      ) : (
        <p>
          <Link to={`/signin?next=${encodeURIComponent(`/products/${product.slug}`)}`}>Sign in to write a review</Link> — reviews are open to
          customers who received this product.
        </p>
      )}
      {reviews.isPending ? (
        <Loading label="Loading reviews…" />
      ) : reviews.isError ? (
        <ErrorState error={reviews.error} retry={() => void reviews.refetch()} title="The reviews could not be loaded" />
      ) : reviews.data.items.length === 0 ? (
        <Empty title="No reviews yet">
          <p>Bought this? Be the first to say what you think.</p>
        </Empty>
      ) : (
        <>
          <ul className="review-list">
            {reviews.data.items.map((r) => (
              <li key={r.id} className="review card">
                <h3 className="review-title">
                  <Stars value={r.rating} label={`${r.rating} out of 5 stars`} /> {r.title || `${r.rating} out of 5`}
                </h3>
                <p className="muted small">
                  <time dateTime={r.createdAt}>{formatDate(r.createdAt)}</time>
                </p>
                {r.body && <p className="review-body">{r.body}</p>}
              </li>
            ))}
          </ul>
          <Pager page={page} pageSize={PAGE_SIZE} total={reviews.data.total} onPage={setPage} />
        </>
      )}
    </section>
  )
}
