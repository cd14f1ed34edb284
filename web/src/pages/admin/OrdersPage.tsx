import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { listOrders } from '../../api/admin-orders.ts'
import { ORDER_STATUSES } from '../../api/orders.ts'
import { Empty, Field, SelectField } from '../../components/ui.tsx'
import { humanize } from '../../format.ts'
import { useListState } from './admin-utils.ts'
import { OrdersTable } from './OrdersTable.tsx'
import { PagedResults } from './PagedResults.tsx'
import './admin.css'

const FILTERS = ['status', 'q', 'from', 'to'] as const

/** /admin/orders: every order, by status, number or email, and when it was placed. */
export function OrdersPage() {
  const { values, page, set } = useListState(FILTERS)
  const params = { ...values, page }
  const query = useQuery({
    queryKey: ['admin', 'orders', params],
    queryFn: ({ signal }) => listOrders(params, signal),
    placeholderData: keepPreviousData,
  })

  return (
    <div className="stack">
      <h1>Orders</h1>
      <OrderFilters key={`${values.q}|${values.from}|${values.to}`} values={values} onChange={set} />
      <PagedResults
        query={query}
        loadingLabel="Loading orders…"
        empty={
          <Empty title="No orders match">
            <p>Try another status, number or period.</p>
          </Empty>
        }
        noun={['order', 'orders']}
        onPage={(p) => set({ page: p })}
      >
        {(items) => <OrdersTable orders={items} caption="Orders" />}
      </PagedResults>
    </div>
  )
}

type Values = Record<(typeof FILTERS)[number], string>

function OrderFilters({ values, onChange }: { values: Values; onChange: (v: Partial<Values>) => void }) {
  const [q, setQ] = useState(values.q)
  const [from, setFrom] = useState(values.from)
  const [to, setTo] = useState(values.to)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onChange({ q: q.trim(), from, to })
  }
  return (
    <form className="toolbar" role="search" aria-label="Filter orders" onSubmit={submit}>
      <SelectField label="Status" value={values.status} onChange={(e) => onChange({ status: e.target.value })}>
        <option value="">Any status</option>
        {ORDER_STATUSES.map((s) => (
          <option key={s} value={s}>
            {humanize(s)}
          </option>
        ))}
      </SelectField>
      <Field label="Number or email" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      <Field label="From" type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
      <Field label="To" type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
      <div className="form-actions">
        <button type="submit" className="button">
          Apply
        </button>
        {(values.q || values.from || values.to || values.status) && (
          <button type="button" className="button secondary" onClick={() => onChange({ q: '', from: '', to: '', status: '' })}>
            Clear
          </button>
        )}
      </div>
    </form>
  )
}
