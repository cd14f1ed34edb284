import { useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import { catalogKeys, categoryPath, getProductBySlug, type Product } from '../../api/catalog.ts'
import { ApiError } from '../../api/problem.ts'
import { Empty, ErrorState, Loading } from '../../components/ui.tsx'
import { formatMoney } from '../../format.ts'
import { AddToCart } from './AddToCart.tsx'
import { Gallery } from './Gallery.tsx'
import { RatingSummary } from './Rating.tsx'
import { Reviews } from './Reviews.tsx'
import { Stock } from './Stock.tsx'
import { useCategories } from './useCategories.ts'
import { defaultVariant } from './variants.ts'
import { VariantPicker } from './VariantPicker.tsx'
import { WishlistButton } from './WishlistButton.tsx'
import './store.css'

/** /products/:slug: one product, its options, adding it to the cart, and its reviews. */
export function ProductPage() {
  const { slug = '' } = useParams()
  const product = useQuery({ queryKey: catalogKeys.product(slug), queryFn: ({ signal }) => getProductBySlug(slug, signal) })

  if (product.isPending) return <Loading label="Loading the product…" />
  if (product.isError) {
    if (product.error instanceof ApiError && product.error.status === 404)
      return (
        <>
          <h1>Product not found</h1>
          <Empty title="We could not find that product">
            <p>It may have been renamed or is no longer sold.</p>
            <p>
              <Link to="/products">Browse the shop</Link>
            </p>
          </Empty>
        </>
      )
    return (
      <>
        <h1>Product</h1>
        <ErrorState error={product.error} retry={() => void product.refetch()} title="The product could not be loaded" />
      </>
    )
  }
  return <ProductView key={product.data.id} product={product.data} />
}

function ProductView({ product }: { product: Product }) {
  const [variantId, setVariantId] = useState<string>()
  const variant = product.variants.find((v) => v.id === variantId) ?? defaultVariant(product)
  const categories = useCategories()
  const path = product.categoryId ? categoryPath(categories.index, product.categoryId) : []

  useEffect(() => {
    document.title = `${product.name} — Emporium`
  }, [product.name])

  return (
    <div className="product-page">
      {path.length > 0 && (
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <ol>
            <li>
              <Link to="/products">Shop</Link>
            </li>
            {path.map((c) => (
              <li key={c.id}>
                <Link to={`/products?category=${encodeURIComponent(c.slug)}`}>{c.name}</Link>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <div className="product-layout">
        <Gallery product={product} />
        <div className="product-info">
          <h1>{product.name}</h1>
          {product.brand && (
            <p className="product-brand">
              by <Link to={`/products?brand=${encodeURIComponent(product.brand)}`}>{product.brand}</Link>
            </p>
          )}
          <RatingSummary rating={product.rating} href="#reviews" />
          {variant && (
            <p className="price product-price">
              {formatMoney(variant.price)}
              {variant.compareAtPrice && variant.compareAtPrice.amount > variant.price.amount && (
                <>
                  <span className="visually-hidden">, was </span>
                  <s className="was">{formatMoney(variant.compareAtPrice)}</s>{' '}
                  <span className="saving">Save {Math.round((1 - variant.price.amount / variant.compareAtPrice.amount) * 100)}%</span>
                </>
              )}
            </p>
          )}
          <VariantPicker product={product} variant={variant} onChange={(v) => setVariantId(v.id)} />
          <p className="product-stock" aria-live="polite">
            {variant ? <Stock available={variant.available} /> : <span className="stock stock-out">Not for sale</span>}
            {variant && product.variants.length > 1 && <span className="muted small"> · {variant.title}</span>}
          </p>
          <AddToCart key={variant?.id ?? 'none'} variant={variant} productName={product.name} />
          <WishlistButton productId={product.id} />
          {product.description && (
            <section className="product-description" aria-labelledby="description-heading">
              <h2 id="description-heading">About this product</h2>
              {product.description.split(/\n{2,}/).map((para, i) => (
                <p key={i}>{para}</p>
              ))}
            </section>
          )}
          {variant && <p className="muted small">SKU {variant.sku}</p>}
        </div>
      </div>
      <Reviews product={product} />
    </div>
  )
}
