import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Link, useSearchParams } from 'react-router'
import { listOrders, ORDER_LIST_KEY, ORDER_STATUSES } from '../../api/orders.ts'
import { useAuth } from '../../auth.tsx'
import { Empty, ErrorState, Loading, Pager, SelectField, StatusBadge } from '../../components/ui.tsx'
import { formatDate, formatMoney } from '../../format.ts'
import { AccountNav } from './AccountNav.tsx'
import { statusWord } from './order-words.ts'
import './account.css'

const PAGE_SIZE = 20

/** The customer's orders, newest first, filtered by status and year; filters live in the address. */
export function OrdersPage() {
  const { user } = useAuth()
  const [params, setParams] = useSearchParams()
  const status = params.get('status') ?? ''
  const year = params.get('year') ?? ''
  const page = Math.max(1, Number(params.get('page')) || 1)
  const query = { status: status || undefined, year: year ? Number(year) : undefined, page, pageSize: PAGE_SIZE }
  const orders = useQuery({ queryKey: [...ORDER_LIST_KEY, query], queryFn: () => listOrders(query), placeholderData: keepPreviousData })

  const thisYear = new Date().getUTCFullYear()
  const firstYear = Math.min(thisYear, user ? new Date(user.createdAt).getUTCFullYear() : thisYear)
  const years = Array.from({ length: thisYear - firstYear + 1 }, (_, i) => thisYear - i)

  const change = (key: string, value: string) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    if (key !== 'page') next.delete('page')
    setParams(next)
  }
  const filtered = Boolean(status || year)

  return (
    <div className="acct account-page">
      <h1>Your orders</h1>
      <AccountNav />
      <div className="toolbar" role="search" aria-label="Filter orders">
        <SelectField label="Status" value={status} onChange={(e) => change('status', e.target.value)}>
          <option value="">All statuses</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusWord(s)}
            </option>
          ))}
        </SelectField>
        <SelectField label="Year" value={year} onChange={(e) => change('year', e.target.value)}>
          <option value="">All years</option>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
      </div>
      {orders.isPending ? (
        <Loading label="Loading your orders…" />
      ) : orders.isError ? (
        <ErrorState error={orders.error} retry={() => orders.refetch()} />
      ) : orders.data.items.length === 0 ? (
        <Empty title={filtered ? 'No orders match these filters' : 'You have no orders yet'}>
          <p>{filtered ? 'Try another status or year.' : <Link to="/products">Start shopping</Link>}</p>
        </Empty>
      ) : (
        <>
          <div className="table-wrap" aria-busy={orders.isFetching}>
            <table>
              <caption className="visually-hidden">Your orders, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Date</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {orders.data.items.map((o) => (
                  <tr key={o.id}>
                    <td>
                      <Link className="order-number" to={`/orders/${o.id}`}>
                        {o.number}
                      </Link>
                      <br />
                      <small className="muted">
                        {o.itemCount} {o.itemCount === 1 ? 'item' : 'items'}
                      </small>
                    </td>
                    <td className="nowrap">{formatDate(o.createdAt)}</td>
                    <td>
                      <StatusBadge status={o.status} />
                    </td>
                    <td className="num">{formatMoney(o.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pageSize={PAGE_SIZE} total={orders.data.total} onPage={(p) => change('page', String(p))} />
        </>
      )}
    </div>
  )
}
