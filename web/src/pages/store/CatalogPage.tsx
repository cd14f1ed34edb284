import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { Link } from 'react-router'
import { catalogKeys, searchProducts } from '../../api/catalog.ts'
import { Empty, ErrorState, Loading, Pager } from '../../components/ui.tsx'
import { hrefWith, PAGE_SIZE, useCatalogParams } from './catalog-params.ts'
import { CatalogSearch } from './CatalogSearch.tsx'
import { Facets } from './Facets.tsx'
import { ProductGrid } from './ProductCard.tsx'
import { SortSelect } from './SortSelect.tsx'
import { useCategories } from './useCategories.ts'
import './store.css'

/** /products: search, filter, sort and page through the catalog; all of it lives in the URL. */
export function CatalogPage() {
  const { params, searchParams, update } = useCatalogParams()
  const categories = useCategories()
  const results = useQuery({
    queryKey: catalogKeys.search(params),
    queryFn: ({ signal }) => searchProducts(params, signal),
    placeholderData: keepPreviousData,
  })
  const data = results.data
  const page = params.page ?? 1
  const categoryName = params.category ? categories.index.get(params.category)?.name : undefined
  const title = params.q ? `Results for “${params.q}”` : (categoryName ?? 'All products')

  useEffect(() => {
    document.title = `${title} — Emporium`
  }, [title])

  return (
    <div className="catalog">
      <h1>{title}</h1>
      <CatalogSearch key={params.q ?? ''} q={params.q ?? ''} onSearch={update} />
      <div className="catalog-layout">
        <aside className="catalog-filters" aria-label="Filters">
          <Facets facets={data?.facets} params={params} searchParams={searchParams} categories={categories.index} update={update} />
        </aside>
        <section className="catalog-results" aria-labelledby="results-heading" aria-busy={results.isFetching}>
          <h2 id="results-heading" className="visually-hidden">
            Products
          </h2>
          <div className="results-bar">
            <p className="result-count" role="status" aria-live="polite">
              {data ? `${data.total} ${data.total === 1 ? 'product' : 'products'}` : ''}
              {results.isFetching && data ? <span className="muted"> · updating…</span> : null}
            </p>
            <SortSelect sort={params.sort ?? 'relevance'} update={update} />
          </div>
          {data?.correctedQuery && (
            <p className="notice corrected">
              Showing results for <strong>{data.correctedQuery}</strong>
              {params.q ? (
                <>
                  {' '}
                  <span className="muted">(you searched for “{params.q}”)</span>
                </>
              ) : null}
            </p>
          )}
          {results.isPending ? (
            <Loading label="Finding products…" />
          ) : results.isError && !data ? (
            <ErrorState error={results.error} retry={() => void results.refetch()} title="The products could not be loaded" />
          ) : data && data.items.length === 0 ? (
            <Empty title="No products match">
              <p>Try other words, or fewer filters.</p>
              <p>
                <Link to="/products">See all products</Link>
                {params.inStock && (
                  <>
                    {' · '}
                    <Link to={hrefWith(searchParams, { inStock: undefined })}>Include out-of-stock products</Link>
                  </>
                )}
              </p>
            </Empty>
          ) : data ? (
            <>
              {results.isError && <ErrorState error={results.error} retry={() => void results.refetch()} title="The latest results could not be loaded" />}
              <ProductGrid products={data.items} />
              <Pager
                page={page}
                pageSize={PAGE_SIZE}
                total={data.total}
                onPage={(p) => {
                  update({ page: p > 1 ? String(p) : undefined })
                  window.scrollTo({ top: 0 })
                }}
              />
            </>
          ) : null}
        </section>
      </div>
    </div>
  )
}
