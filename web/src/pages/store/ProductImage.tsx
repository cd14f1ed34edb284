import type { ProductImage as Image } from '../../api/catalog.ts'

/** A product picture, or a quiet tile with the product's initial when it has none. */
export function ProductImage({ image, name, className = '', eager = false }: { image: Image | undefined; name: string; className?: string; eager?: boolean }) {
  if (!image)
    return (
      <div className={`product-image placeholder ${className}`} role="img" aria-label={`No picture of ${name}`}>
        <span aria-hidden="true">{name.charAt(0).toUpperCase()}</span>
      </div>
    )
  return (
    <img
      className={`product-image ${className}`}
      src={image.url}
      alt={image.alt || name}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
      width={400}
      height={400}
    />
  )
}
