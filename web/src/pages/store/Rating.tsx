/** Stars for a 0–5 rating, read out as words. */
export function Stars({ value, label }: { value: number; label?: string }) {
  const rounded = Math.round(value * 2) / 2
  const text = label ?? `Rated ${value.toFixed(1)} out of 5`
  return (
    <span className="stars" role="img" aria-label={text} title={text}>
      {[1, 2, 3, 4, 5].map((n) => (
        <span key={n} aria-hidden="true" className={rounded >= n ? 'star full' : rounded >= n - 0.5 ? 'star half' : 'star'}>
          ★
        </span>
      ))}
    </span>
  )
}

/** "4.3 out of 5 · 12 reviews", or that nobody has reviewed it yet. */
export function RatingSummary({ rating, href }: { rating: { average: number; count: number }; href?: string }) {
  if (rating.count === 0) return <p className="rating-summary muted">No reviews yet</p>
  const reviews = `${rating.count} ${rating.count === 1 ? 'review' : 'reviews'}`
  return (
    <p className="rating-summary">
      <Stars value={rating.average} /> <span>{rating.average.toFixed(1)} out of 5</span> · {href ? <a href={href}>{reviews}</a> : reviews}
    </p>
  )
}
