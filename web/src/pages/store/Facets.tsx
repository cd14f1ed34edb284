import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { type CategoryNode, categoryPath, type SearchFacets, type SearchParams } from '../../api/catalog.ts'
import { hrefWith, type ParamChanges } from './catalog-params.ts'
import { PriceFilter } from './PriceFilter.tsx'
import { useMirror } from './useMirror.ts'

interface Props {
  facets: SearchFacets | undefined
  params: SearchParams
  searchParams: URLSearchParams
  categories: Map<string, CategoryNode>
  update: (changes: ParamChanges) => void
}

const WIDE = '(min-width: 1024px)'

function useWide(): boolean {
  const [wide, setWide] = useState(() => typeof window !== 'undefined' && window.matchMedia(WIDE).matches)
  useEffect(() => {
    const mq = window.matchMedia(WIDE)
    const onChange = () => setWide(mq.matches)
    mq.addEventListener('change', onChange)
    return () => mq.removeEventListener('change', onChange)
  }, [])
  return wide
}

/** The filters: a disclosure that starts closed on phones and open on wide screens. */
export function Facets(props: Props) {
  const wide = useWide()
  const [open, setOpen] = useState(wide)
  useEffect(() => setOpen(wide), [wide])
  const { params } = props
  const active = [params.category, params.brand, params.minPrice, params.maxPrice, params.inStock].filter((v) => v !== undefined).length
  return (
    <details className="facets" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Filters{active > 0 && <span className="facet-count"> ({active} active)</span>}
      </summary>
      <FacetBody {...props} />
    </details>
  )
}

function FacetBody({ facets, params, searchParams, categories, update }: Props) {
  const slugOf = (id: string) => categories.get(id)?.slug ?? id
  const path = params.category ? categoryPath(categories, params.category) : []
  const current = path.at(-1)
  const facetCategories = (facets?.categories ?? []).filter((c) => c.id !== current?.id)
  const anyFilter = Boolean(params.category || params.brand || params.minPrice !== undefined || params.maxPrice !== undefined || params.inStock)

  return (
    <div className="facet-body">
      <section aria-labelledby="facet-category">
        <h2 id="facet-category" className="facet-title">
          Category
        </h2>
        {params.category && (
          <ul className="facet-list">
            <li>
              <Link to={hrefWith(searchParams, { category: undefined })}>All categories</Link>
            </li>
            {path.map((c) => (
              <li key={c.id}>
                <Link to={hrefWith(searchParams, { category: c.slug })} aria-current={c.id === current?.id ? 'true' : undefined}>
                  {c.name}
                </Link>
              </li>
            ))}
            {path.length === 0 && <li className="muted">Chosen category: {params.category}</li>}
          </ul>
        )}
        {facetCategories.length > 0 ? (
          <ul className="facet-list">
            {facetCategories.map((c) => (
              <li key={c.id}>
                <Link to={hrefWith(searchParams, { category: slugOf(c.id) })}>
                  {c.name} <span className="muted">({c.count})</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          !params.category && <p className="muted small">No categories to narrow by.</p>
        )}
      </section>

      <section aria-labelledby="facet-brand">
        <h2 id="facet-brand" className="facet-title">
          Brand
        </h2>
        <ul className="facet-list">
          {params.brand && (
            <li>
              <Link to={hrefWith(searchParams, { brand: undefined })}>All brands</Link>
            </li>
          )}
          {(facets?.brands ?? []).map((b) => {
            const chosen = b.name.toLowerCase() === params.brand?.toLowerCase()
            return (
              <li key={b.name}>
                <Link to={hrefWith(searchParams, { brand: b.name })} aria-current={chosen ? 'true' : undefined}>
                  {b.name} <span className="muted">({b.count})</span>
                </Link>
              </li>
            )
          })}
        </ul>
        {!params.brand && (facets?.brands.length ?? 0) === 0 && <p className="muted small">No brands to narrow by.</p>}
      </section>

      <section aria-labelledby="facet-price">
        <h2 id="facet-price" className="facet-title">
          Price
        </h2>
        <PriceFilter
          key={`${params.minPrice ?? ''}-${params.maxPrice ?? ''}`}
          minPrice={params.minPrice}
          maxPrice={params.maxPrice}
          range={facets?.price ?? null}
          onApply={update}
        />
      </section>

      <section aria-labelledby="facet-availability">
        <h2 id="facet-availability" className="facet-title">
          Availability
        </h2>
        <InStockToggle inStock={Boolean(params.inStock)} update={update} />
      </section>

      {anyFilter && (
        <p>
          <Link to={hrefWith(searchParams, { category: undefined, brand: undefined, minPrice: undefined, maxPrice: undefined, inStock: undefined })}>
            Clear all filters
          </Link>
        </p>
      )}
    </div>
  )
}

function InStockToggle({ inStock, update }: { inStock: boolean; update: (changes: ParamChanges) => void }) {
  const [checked, setChecked] = useMirror(inStock)
  return (
    <label className="choice">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => {
          setChecked(e.target.checked)
          update({ inStock: e.target.checked ? 'true' : undefined })
        }}
      />
      In stock only
    </label>
  )
}
