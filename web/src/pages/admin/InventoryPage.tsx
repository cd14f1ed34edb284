import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { listLevels, type StockLevel } from '../../api/admin-inventory.ts'
import { Empty } from '../../components/ui.tsx'
import { StockBadge } from './StockBadge.tsx'
import { useListState } from './admin-utils.ts'
import { SearchForm } from './SearchForm.tsx'
import { PagedResults } from './PagedResults.tsx'
import './admin.css'

/** /admin/inventory: stock per sku, optionally only what is running low. */
export function InventoryPage() {
  const { values, page, set } = useListState(['lowStock', 'q'] as const)
  const params = { lowStock: values.lowStock === 'true', q: values.q, page }
  const query = useQuery({
    queryKey: ['admin', 'inventory', params],
    queryFn: ({ signal }) => listLevels(params, signal),
    placeholderData: keepPreviousData,
  })

  return (
    <div className="stack">
      <h1>Inventory</h1>
      <div className="toolbar">
        <SearchForm key={values.q} name="Find a sku" label="Sku starts with" initial={values.q} onSearch={(q) => set({ q })} />
        <label className="choice toolbar-check">
          <input type="checkbox" checked={params.lowStock} onChange={(e) => set({ lowStock: e.target.checked ? 'true' : '' })} />
          Low stock only
        </label>
      </div>
      <PagedResults
        query={query}
        loadingLabel="Loading stock levels…"
        empty={<Empty title={params.lowStock ? 'Nothing is running low' : 'No skus match'} />}
        noun={['sku', 'skus']}
        onPage={(p) => set({ page: p })}
      >
        {(items) => <LevelsTable levels={items} />}
      </PagedResults>
    </div>
  )
}

function LevelsTable({ levels }: { levels: StockLevel[] }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Stock levels</caption>
        <thead>
          <tr>
            <th scope="col">Sku</th>
            <th scope="col" className="num">
              On hand
            </th>
            <th scope="col" className="num">
              Reserved
            </th>
            <th scope="col" className="num">
              Available
            </th>
            <th scope="col" className="num">
              Threshold
            </th>
            <th scope="col">Stock</th>
          </tr>
        </thead>
        <tbody>
          {levels.map((l) => (
            <tr key={l.sku}>
              <td className="nowrap">
                <Link to={`/admin/inventory/${encodeURIComponent(l.sku)}`}>{l.sku}</Link>
              </td>
              <td className="num">{l.onHand}</td>
              <td className="num">{l.reserved}</td>
              <td className="num">{l.available}</td>
              <td className="num">{l.lowStockThreshold}</td>
              <td>
                <StockBadge level={l} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
