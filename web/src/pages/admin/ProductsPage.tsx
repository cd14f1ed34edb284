import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link } from 'react-router'
import { listProducts, PRODUCT_STATUSES } from '../../api/admin-catalog.ts'
import type { Product, ProductStatus } from '../../api/catalog.ts'
import { Empty, Field, SelectField, StatusBadge } from '../../components/ui.tsx'
import { formatMoney, humanize } from '../../format.ts'
import { useListState } from './admin-utils.ts'
import { PagedResults } from './PagedResults.tsx'
import './admin.css'

const FILTERS = ['q', 'status', 'deleted'] as const

/** /admin/products: every product, drafts, archived and deleted ones too. */
export function ProductsPage() {
  const { values, page, set } = useListState(FILTERS)
  const status: ProductStatus | '' = (PRODUCT_STATUSES as string[]).includes(values.status) ? (values.status as ProductStatus) : ''
  const params = { q: values.q, status, includeDeleted: values.deleted === 'true', page }
  const query = useQuery({
    queryKey: ['admin', 'products', params],
    queryFn: ({ signal }) => listProducts(params, signal),
    placeholderData: keepPreviousData,
  })

  return (
    <div className="stack">
      <div className="admin-heading">
        <h1>Products</h1>
        <Link className="button" to="/admin/products/new">
          New product
        </Link>
      </div>
      <form
        className="toolbar"
        role="search"
        aria-label="Filter products"
        onSubmit={(e: FormEvent<HTMLFormElement>) => {
          e.preventDefault()
          const q = new FormData(e.currentTarget).get('q')
          set({ q: typeof q === 'string' ? q.trim() : '' })
        }}
      >
        <SearchField key={values.q} initial={values.q} />
        <SelectField label="Status" value={status} onChange={(e) => set({ status: e.target.value })}>
          <option value="">Any status</option>
          {PRODUCT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </SelectField>
        <label className="choice toolbar-check">
          <input type="checkbox" checked={values.deleted === 'true'} onChange={(e) => set({ deleted: e.target.checked ? 'true' : '' })} />
          Include deleted
        </label>
      </form>
      <PagedResults
        query={query}
        loadingLabel="Loading products…"
        empty={
          <Empty title="No products match">
            <p>
              Change the search, or <Link to="/admin/products/new">add a product</Link>.
            </p>
          </Empty>
        }
        noun={['product', 'products']}
        onPage={(p) => set({ page: p })}
      >
        {(items) => <ProductsTable products={items} />}
      </PagedResults>
    </div>
  )
}

function SearchField({ initial }: { initial: string }) {
  const [q, setQ] = useState(initial)
  return (
    <>
      <Field label="Find products" name="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      <button type="submit" className="button secondary">
        Find
      </button>
    </>
  )
}

function ProductsTable({ products }: { products: Product[] }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Products</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Status</th>
            <th scope="col">Price</th>
            <th scope="col" className="num">
              Variants
            </th>
            <th scope="col" className="num">
              Available
            </th>
          </tr>
        </thead>
        <tbody>
          {products.map((p) => (
            <tr key={p.id}>
              <td>
                <Link to={`/admin/products/${p.id}`}>{p.name}</Link>
                <div className="muted small">{p.brand ?? 'No brand'}</div>
              </td>
              <td>
                <StatusBadge status={p.status} /> {p.deletedAt && <span className="badge badge-cancelled">deleted</span>}
              </td>
              <td className="nowrap">{priceRange(p)}</td>
              <td className="num">{p.variants.length}</td>
              <td className="num">{p.variants.reduce((n, v) => n + v.available, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function priceRange(p: Product): string {
  const prices = p.variants.map((v) => v.price)
  if (prices.length === 0) return '—'
  const min = prices.reduce((a, b) => (b.amount < a.amount ? b : a))
  const max = prices.reduce((a, b) => (b.amount > a.amount ? b : a))
  return min.amount === max.amount ? formatMoney(min) : `${formatMoney(min)} – ${formatMoney(max)}`
}
