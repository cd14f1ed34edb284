import { useQueries } from '@tanstack/react-query'
import { Link } from 'react-router'
import { catalogKeys, type CategoryNode, orderedImages, searchProducts, type SearchParams } from '../../api/catalog.ts'
import { ProductImage } from './ProductImage.tsx'

/** Top-level categories as cards, each pictured by one of its products. */
export function CategoryCards({ categories }: { categories: CategoryNode[] }) {
  const samples = useQueries({
    queries: categories.map((c) => {
      const params: SearchParams = { category: c.slug, pageSize: 1 }
      return { queryKey: catalogKeys.search(params), queryFn: ({ signal }: { signal: AbortSignal }) => searchProducts(params, signal), staleTime: 5 * 60_000 }
    }),
  })
  return (
    <ul className="category-grid">
      {categories.map((c, i) => {
        const sample = samples[i]?.data?.items[0]
        const image = sample ? orderedImages(sample)[0] : undefined
        const count = samples[i]?.data?.total
        return (
          <li key={c.id} className="category-card">
            <ProductImage image={image ? { ...image, alt: '' } : undefined} name={c.name} className="category-card-image" />
            <div className="category-card-body">
              <h3>
                <Link to={`/products?category=${encodeURIComponent(c.slug)}`}>{c.name}</Link>
              </h3>
              {c.children.length > 0 && <p className="muted small">{c.children.map((k) => k.name).join(' · ')}</p>}
              {count !== undefined && <p className="small">{count === 1 ? '1 product' : `${count} products`}</p>}
            </div>
          </li>
        )
      })}
    </ul>
  )
}
