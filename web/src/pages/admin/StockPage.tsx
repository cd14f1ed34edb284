import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import { getLevel, levelKey, listMovements, movementsKey, type StockLevel } from '../../api/admin-inventory.ts'
import { Empty, ErrorState, Loading, Pager } from '../../components/ui.tsx'
import { formatDateTime, humanize } from '../../format.ts'
import { useListState } from './admin-utils.ts'
import { AdjustmentForm, ThresholdForm } from './StockForms.tsx'
import { StockBadge } from './StockBadge.tsx'
import './admin.css'

/** /admin/inventory/:sku: one sku's level, stock adjustments, and its ledger. */
export function StockPage() {
  const { sku = '' } = useParams()
  const query = useQuery({ queryKey: levelKey(sku), queryFn: ({ signal }) => getLevel(sku, signal) })

  return (
    <div className="stack">
      <p>
        <Link to="/admin/inventory">← Inventory</Link>
      </p>
      <h1>
        Stock for <span className="mono">{sku}</span>
      </h1>
      {query.isPending ? (
        <Loading label="Loading the stock level…" />
      ) : query.isError ? (
        <ErrorState error={query.error} retry={() => void query.refetch()} />
      ) : !query.data ? (
        <Empty title="Unknown sku">
          <p>Inventory has no level for this sku.</p>
        </Empty>
      ) : (
        <>
          <Level level={query.data} />
          <div className="admin-columns">
            <AdjustmentForm sku={sku} />
            <ThresholdForm level={query.data} />
          </div>
          <Ledger sku={sku} />
        </>
      )}
    </div>
  )
}

function Level({ level }: { level: StockLevel }) {
  return (
    <section aria-labelledby="stock-level">
      <div className="admin-heading">
        <h2 id="stock-level">Level</h2>
        <StockBadge level={level} />
      </div>
      <div className="stats">
        <div className="stat">
          <div className="label">On hand</div>
          <div className="value">{level.onHand}</div>
        </div>
        <div className="stat">
          <div className="label">Reserved</div>
          <div className="value">{level.reserved}</div>
        </div>
        <div className="stat">
          <div className="label">Available</div>
          <div className="value">{level.available}</div>
        </div>
        <div className="stat">
          <div className="label">Low-stock threshold</div>
          <div className="value">{level.lowStockThreshold}</div>
        </div>
      </div>
      <p className="muted">Updated {formatDateTime(level.updatedAt)}</p>
    </section>
  )
}

function Ledger({ sku }: { sku: string }) {
  const { page, set } = useListState([] as const)
  const query = useQuery({
    queryKey: [...movementsKey(sku), page],
    queryFn: ({ signal }) => listMovements(sku, page, signal),
    placeholderData: keepPreviousData,
  })
  return (
    <section aria-labelledby="stock-ledger">
      <h2 id="stock-ledger">Ledger</h2>
      {query.isPending ? (
        <Loading label="Loading movements…" />
      ) : query.isError ? (
        <ErrorState error={query.error} retry={() => void query.refetch()} title="The ledger could not be loaded" />
      ) : query.data.items.length === 0 ? (
        <Empty title="No movements yet" />
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Stock movements, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col" className="num">
                    Change
                  </th>
                  <th scope="col" className="num">
                    Reserved change
                  </th>
                  <th scope="col">Reason</th>
                  <th scope="col">Order</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {query.data.items.map((m, i) => (
                  <tr key={`${m.at}-${i}`}>
                    <td className="nowrap">{formatDateTime(m.at)}</td>
                    <td className="num">{signed(m.delta)}</td>
                    <td className="num">{signed(m.reservedDelta)}</td>
                    <td>{humanize(m.reason)}</td>
                    <td>{m.orderId ? <Link to={`/admin/orders/${m.orderId}`}>View order</Link> : '—'}</td>
                    <td>{m.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={query.data.page} pageSize={query.data.pageSize} total={query.data.total} onPage={(p) => set({ page: p })} />
        </>
      )}
    </section>
  )
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n === 0 ? '0' : `−${Math.abs(n)}`
}
