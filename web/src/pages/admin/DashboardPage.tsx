import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import { getDashboard, type Dashboard } from '../../api/admin-orders.ts'
import { Empty, ErrorState, Loading, SelectField } from '../../components/ui.tsx'
import { formatDate, formatMoney } from '../../format.ts'
import { useListState, utcDate } from './admin-utils.ts'
import { OrdersTable } from './OrdersTable.tsx'
import { type ChartMetric, SalesChart } from './SalesChart.tsx'
import './admin.css'

const RANGES = [
  ['7', 'Last 7 days'],
  ['30', 'Last 30 days'],
  ['90', 'Last 90 days'],
] as const

/** /admin: how the shop is doing over a period, and what needs attention. */
export function DashboardPage() {
  const { values, set } = useListState(['range'] as const)
  const days = RANGES.some(([v]) => v === values.range) ? Number(values.range) : 30
  const range = { from: utcDate(-(days - 1)), to: utcDate(0) }
  const [metric, setMetric] = useState<ChartMetric>('revenue')
  const query = useQuery({
    queryKey: ['admin', 'dashboard', range],
    queryFn: ({ signal }) => getDashboard(range, signal),
    placeholderData: keepPreviousData,
  })

  return (
    <div className="stack">
      <div className="admin-heading">
        <h1>Dashboard</h1>
        <div className="toolbar">
          <SelectField label="Period" value={String(days)} onChange={(e) => set({ range: e.target.value === '30' ? '' : e.target.value })}>
            {RANGES.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      {query.isPending ? (
        <Loading label="Loading the dashboard…" />
      ) : query.isError ? (
        <ErrorState error={query.error} retry={() => void query.refetch()} />
      ) : (
        <DashboardBody data={query.data} metric={metric} onMetric={setMetric} refreshing={query.isFetching} />
      )}
    </div>
  )
}

function DashboardBody({ data, metric, onMetric, refreshing }: { data: Dashboard; metric: ChartMetric; onMetric: (m: ChartMetric) => void; refreshing: boolean }) {
  return (
    <>
      <p className="muted" aria-live="polite">
        {formatDate(data.from)} – {formatDate(new Date(new Date(data.to).getTime() - 1).toISOString())} (UTC){refreshing ? ' · updating…' : ''}
      </p>
      {data.warnings.length > 0 && (
        <div className="notice" role="status">
          <p>Some figures may be incomplete:</p>
          <ul>
            {data.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <section aria-labelledby="dash-totals" className="stats three">
        <h2 id="dash-totals" className="visually-hidden">
          Totals
        </h2>
        <div className="stat">
          <div className="label">Revenue</div>
          <div className="value">{formatMoney(data.revenue)}</div>
        </div>
        <div className="stat">
          <div className="label">Orders</div>
          <div className="value">{data.orderCount}</div>
        </div>
        <div className="stat">
          <div className="label">Average order value</div>
          <div className="value">{formatMoney(data.averageOrderValue)}</div>
        </div>
      </section>

      <section aria-labelledby="dash-chart" className="card">
        <div className="admin-heading">
          <h2 id="dash-chart">Sales over time</h2>
          <fieldset className="segmented">
            <legend className="visually-hidden">Chart shows</legend>
            {(['revenue', 'orders'] as const).map((m) => (
              <label key={m} className="choice">
                <input type="radio" name="chart-metric" value={m} checked={metric === m} onChange={() => onMetric(m)} />
                {m === 'revenue' ? 'Revenue' : 'Orders'}
              </label>
            ))}
          </fieldset>
        </div>
        {data.series.length === 0 ? <p className="muted">No days in this period.</p> : <SalesChart series={data.series} metric={metric} />}
      </section>

      <div className="admin-columns">
        <section aria-labelledby="dash-top">
          <h2 id="dash-top">Top products</h2>
          {data.topProducts.length === 0 ? (
            <Empty title="No sales in this period" />
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Product</th>
                    <th scope="col" className="num">
                      Units
                    </th>
                    <th scope="col" className="num">
                      Revenue
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.topProducts.map((p) => (
                    <tr key={p.productId}>
                      <td>
                        <Link to={`/admin/products/${p.productId}`}>{p.name}</Link>
                      </td>
                      <td className="num">{p.quantity}</td>
                      <td className="num">{formatMoney(p.revenue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <LowStock items={data.lowStock} />
      </div>

      <section aria-labelledby="dash-recent">
        <h2 id="dash-recent">Recent orders</h2>
        {data.recentOrders.length === 0 ? <Empty title="No orders in this period" /> : <OrdersTable orders={data.recentOrders} caption="Recent orders" />}
      </section>
    </>
  )
}

function LowStock({ items }: { items: Dashboard['lowStock'] }) {
  const rows = items.flatMap((r) => (typeof r.sku === 'string' ? [{ sku: r.sku, available: numberOr(r.available), threshold: numberOr(r.lowStockThreshold) }] : []))
  return (
    <section aria-labelledby="dash-low">
      <h2 id="dash-low">Low stock</h2>
      {rows.length === 0 ? (
        <Empty title="Nothing is running low" />
      ) : (
        <>
          <ul className="low-stock-list card">
            {rows.slice(0, 10).map((r) => (
              <li key={r.sku}>
                <Link to={`/admin/inventory/${encodeURIComponent(r.sku)}`}>{r.sku}</Link>
                <span className={r.available === 0 ? 'badge badge-failed' : 'badge badge-pending'}>
                  {r.available === 0 ? 'out of stock' : `${r.available ?? '?'} left`}
                </span>
                {r.threshold !== undefined && <span className="muted"> threshold {r.threshold}</span>}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/admin/inventory?lowStock=true">All low-stock skus</Link>
          </p>
        </>
      )}
    </section>
  )
}

function numberOr(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined
}
