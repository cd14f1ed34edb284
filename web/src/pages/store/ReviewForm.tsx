import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { addReview, type ReviewInput } from '../../api/catalog.ts'
import { ApiError } from '../../api/problem.ts'
import { Field, fieldError, FormError, TextAreaField } from '../../components/ui.tsx'

const RATINGS = [
  { value: 5, label: '5 — Excellent' },
  { value: 4, label: '4 — Good' },
  { value: 3, label: '3 — Average' },
  { value: 2, label: '2 — Poor' },
  { value: 1, label: '1 — Terrible' },
]

/** A signed-in shopper's review. The API decides who may post (403) and once only (409). */
export function ReviewForm({ productId, onPosted }: { productId: string; onPosted: () => void }) {
  const [rating, setRating] = useState<number>()
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [missing, setMissing] = useState(false)
  const post = useMutation({
    mutationFn: (input: ReviewInput) => addReview(productId, input),
    onSuccess: onPosted,
  })

  if (post.isSuccess) return <p className="success" role="status">Thank you — your review is posted.</p>

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!rating) return setMissing(true)
    setMissing(false)
    post.mutate({ rating, title: title.trim() || undefined, body: body.trim() || undefined })
  }
  const refused = post.error instanceof ApiError && (post.error.status === 403 || post.error.status === 409)
  const ratingError = missing ? 'Choose a rating.' : fieldError(post.error, 'rating')

  return (
    <form className="review-form card" onSubmit={submit} noValidate>
      <h3>Write a review</h3>
      <fieldset className={ratingError ? 'has-error' : undefined} aria-describedby={ratingError ? 'review-rating-error' : undefined}>
        <legend>Rating</legend>
        <div className="rating-choices">
          {RATINGS.map((r) => (
            <label key={r.value} className="choice">
              <input type="radio" name="review-rating" value={r.value} checked={rating === r.value} onChange={() => setRating(r.value)} />
              {r.label}
            </label>
          ))}
        </div>
        {ratingError && (
          <small id="review-rating-error" className="field-error">
            {ratingError}
          </small>
        )}
      </fieldset>
      <Field label="Title (optional)" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} error={fieldError(post.error, 'title')} />
      <TextAreaField label="Your review (optional)" value={body} maxLength={5000} onChange={(e) => setBody(e.target.value)} error={fieldError(post.error, 'body')} />
      <FormError error={post.error} shownFields={['rating', 'title', 'body']} />
      {!refused && (
        <div className="form-actions">
          <button type="submit" className="button" disabled={post.isPending}>
            {post.isPending ? 'Posting…' : 'Post review'}
          </button>
        </div>
      )}
    </form>
  )
}
