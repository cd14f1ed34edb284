import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import { orderKey } from '../../api/admin-orders.ts'
import { getOrder } from '../../api/orders.ts'
import { ApiError } from '../../api/problem.ts'
import { OrderItems } from '../../components/OrderItems.tsx'
import { ErrorState, Loading, StatusBadge } from '../../components/ui.tsx'
import { formatDateTime, humanize } from '../../format.ts'
import { OrderSide } from './OrderDetails.tsx'
import { PaymentsPanel } from './PaymentsPanel.tsx'
import { ReturnsPanel } from './ReturnsPanel.tsx'
import { ShipmentsPanel } from './ShipmentsPanel.tsx'
import './admin.css'

/** /admin/orders/:id: one order, and what an admin does with it (ship, refund, approve returns). */
export function OrderPage() {
  const { id = '' } = useParams()
  const query = useQuery({
    queryKey: orderKey(id),
    queryFn: ({ signal }) => getOrder(id, signal),
    // The saga may still be deciding: look again until it has.
    refetchInterval: (q) => (q.state.data?.status === 'pending' ? 2000 : false),
  })

  if (query.isPending) return <Loading label="Loading the order…" />
  if (query.isError) {
    if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400))
      return (
        <div className="stack">
          <h1>Order not found</h1>
          <p>
            There is no order with this id. <Link to="/admin/orders">Back to orders</Link>
          </p>
        </div>
      )
    return <ErrorState error={query.error} retry={() => void query.refetch()} />
  }
  const order = query.data

  return (
    <div className="stack">
      <p>
        <Link to="/admin/orders">← Orders</Link>
      </p>
      <div className="admin-heading">
        <h1>Order {order.number}</h1>
        <StatusBadge status={order.status} />
      </div>
      <p className="muted">
        Placed {formatDateTime(order.createdAt)} by <Link to={`/admin/users?q=${encodeURIComponent(order.email)}`}>{order.email}</Link>
      </p>
      {order.status === 'cancelled' && (
        <p className="notice">
          Cancelled{order.cancellationReason ? `: ${humanize(order.cancellationReason)}` : ''}
          {order.cancellationDetail ? ` — ${order.cancellationDetail}` : ''}
        </p>
      )}
      {order.status === 'pending' && (
        <p className="notice" role="status">
          Payment and stock are still being checked; this page updates by itself.
        </p>
      )}
      <div className="split">
        <div className="stack">
          <OrderItems order={order} titleId="order-items" audience="admin" />
          <ShipmentsPanel order={order} />
          <PaymentsPanel order={order} />
          <ReturnsPanel order={order} />
        </div>
        <OrderSide order={order} />
      </div>
    </div>
  )
}
