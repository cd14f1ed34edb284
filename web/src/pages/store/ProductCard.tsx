import { Link } from 'react-router'
import { cheapestVariant, orderedImages, type Product, totalAvailable } from '../../api/catalog.ts'
import { formatMoney } from '../../format.ts'
import { ProductImage } from './ProductImage.tsx'
import { Stock } from './Stock.tsx'

/** One product in a grid: picture, name (the link), brand, lowest price, availability. */
export function ProductCard({ product, headingLevel = 3 }: { product: Product; headingLevel?: 2 | 3 }) {
  const cheapest = cheapestVariant(product)
  const varied = new Set(product.variants.map((v) => v.price.amount)).size > 1
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <article className="product-card">
      <ProductImage image={orderedImages(product)[0]} name={product.name} className="product-card-image" />
      <div className="product-card-body">
        <Heading className="product-card-name">
          <Link to={`/products/${product.slug}`}>{product.name}</Link>
        </Heading>
        {product.brand && <p className="product-card-brand muted">{product.brand}</p>}
        <p className="price">
          {cheapest ? (
            <>
              {varied && <span className="from">From </span>}
              {formatMoney(cheapest.price)}
              {cheapest.compareAtPrice && !varied && (
                <>
                  <span className="visually-hidden">, was </span>
                  <s className="was">{formatMoney(cheapest.compareAtPrice)}</s>
                </>
              )}
            </>
          ) : (
            <span className="muted">Not for sale</span>
          )}
        </p>
        <Stock available={totalAvailable(product)} />
      </div>
    </article>
  )
}

/** A responsive grid of product cards. */
export function ProductGrid({ products, headingLevel }: { products: Product[]; headingLevel?: 2 | 3 }) {
  return (
    <ul className="product-grid">
      {products.map((p) => (
        <li key={p.id}>
          <ProductCard product={p} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  )
}
