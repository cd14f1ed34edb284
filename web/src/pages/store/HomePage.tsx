import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { Link } from 'react-router'
import { catalogKeys, searchProducts, type SearchParams } from '../../api/catalog.ts'
import { Empty, ErrorState, Loading } from '../../components/ui.tsx'
import { CategoryCards } from './CategoryCards.tsx'
import { ProductGrid } from './ProductCard.tsx'
import { useCategories } from './useCategories.ts'
import './store.css'

const NEWEST: SearchParams = { sort: 'newest', pageSize: 8 }

/** The storefront's front page: a welcome, the main categories and the newest products. */
export function HomePage() {
  const categories = useCategories()
  const newest = useQuery({ queryKey: catalogKeys.search(NEWEST), queryFn: ({ signal }) => searchProducts(NEWEST, signal) })

  useEffect(() => {
    document.title = 'Emporium — natural health, beauty and fitness'
  }, [])

  return (
    <div className="home">
      <section className="hero" aria-labelledby="hero-heading">
        <h1 id="hero-heading">Welcome to Emporium</h1>
        <p>Vitamins, natural beauty, healthy food and fitness gear — chosen with care and delivered to your door.</p>
        <p className="hero-actions">
          <Link to="/products" className="button">
            Shop all products
          </Link>
          <Link to="/products?sort=newest" className="button secondary">
            See what’s new
          </Link>
        </p>
      </section>

      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading">Shop by category</h2>
        {categories.isPending ? (
          <Loading label="Loading categories…" />
        ) : categories.isError ? (
          <ErrorState error={categories.error} retry={() => void categories.refetch()} title="The categories could not be loaded" />
        ) : categories.data.length === 0 ? (
          <Empty title="No categories yet">
            <p>
              <Link to="/products">Browse every product</Link>
            </p>
          </Empty>
        ) : (
          <CategoryCards categories={categories.data} />
        )}
      </section>

      <section aria-labelledby="newest-heading">
        <div className="section-head">
          <h2 id="newest-heading">New arrivals</h2>
          <Link to="/products?sort=newest">See all new products</Link>
        </div>
        {newest.isPending ? (
          <Loading label="Loading products…" />
        ) : newest.isError ? (
          <ErrorState error={newest.error} retry={() => void newest.refetch()} title="The products could not be loaded" />
        ) : newest.data.items.length === 0 ? (
          <Empty title="Nothing on sale yet">
            <p>Check back soon.</p>
          </Empty>
        ) : (
          <ProductGrid products={newest.data.items} />
        )}
      </section>
    </div>
  )
}
