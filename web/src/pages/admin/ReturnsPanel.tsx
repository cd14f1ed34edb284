import { useMutation, useQueryClient } from '@tanstack/react-query'
import { approveReturn } from '../../api/admin-orders.ts'
import type { Order, ReturnRequest } from '../../api/orders.ts'
import { paymentsKey } from '../../api/admin-fulfilment.ts'
import { FormError, StatusBadge } from '../../components/ui.tsx'
import { formatDateTime, formatMoney } from '../../format.ts'
import { refreshOrderSoon } from './OrderDetails.tsx'

/** The order's return requests; approving one refunds and restocks its lines. */
export function ReturnsPanel({ order }: { order: Order }) {
  return (
    <section aria-labelledby="order-returns" className="card">
      <h2 id="order-returns">Returns</h2>
      {order.returns.length === 0 ? (
        <p className="muted">No return requested.</p>
      ) : (
        <ul className="plain-list stack">
          {order.returns.map((r) => (
            <li key={r.id}>
              <ReturnCard request={r} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function ReturnCard({ request }: { request: ReturnRequest }) {
  const queryClient = useQueryClient()
  const approve = useMutation({
    mutationFn: () => approveReturn(request.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: paymentsKey(request.orderId) })
      void queryClient.invalidateQueries({ queryKey: ['admin', 'inventory'] })
      refreshOrderSoon(queryClient, request.orderId)
    },
  })
  const headingId = `return-${request.id}`
  return (
    <article className="sub-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Return requested {formatDateTime(request.createdAt)} <StatusBadge status={request.status} />
      </h3>
      <p>
        <strong>Reason:</strong> {request.reason}
      </p>
      <ul>
        {request.items.map((i) => (
          <li key={i.variantId}>
            {i.quantity} × {i.name ?? i.sku} <span className="muted">({i.sku})</span>
            {i.refund && <> — {formatMoney(i.refund)}</>}
          </li>
        ))}
      </ul>
      <p>Refund: {formatMoney(request.refund)}</p>
      {request.approvedAt && <p className="muted">Approved {formatDateTime(request.approvedAt)}</p>}
      {request.status === 'requested' && (
        <div className="form-actions">
          <button type="button" className="button" disabled={approve.isPending} onClick={() => approve.mutate()}>
            {approve.isPending ? 'Approving…' : 'Approve return'}
          </button>
        </div>
      )}
      {approve.data && (
        <p className={approve.data.status === 'refund_failed' ? 'form-error' : 'success'} role="status">
          {approve.data.status === 'refund_failed' ? 'Return approved, but the refund failed.' : 'Return approved: the items are refunded and restocked.'}
        </p>
      )}
      <FormError error={approve.error} />
    </article>
  )
}
