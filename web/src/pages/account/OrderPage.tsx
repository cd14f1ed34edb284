import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { Link, useParams } from 'react-router'
import { getOrder, type Order, ORDER_LIST_KEY, orderKey } from '../../api/orders.ts'
import { ApiError } from '../../api/problem.ts'
import { CART_KEY } from '../../components/Layout.tsx'
import { OrderItems } from '../../components/OrderItems.tsx'
import { Empty, ErrorState, Loading } from '../../components/ui.tsx'
import { formatDateTime } from '../../format.ts'
import { CancelOrder } from './CancelOrder.tsx'
import { OrderFacts } from './OrderFacts.tsx'
import { OrderReturns } from './OrderReturns.tsx'
import { OrderShipments } from './OrderShipments.tsx'
import { OrderStatusPanel } from './OrderStatusPanel.tsx'
import './account.css'

/** One order: its confirmation while the saga runs (polled every second), then its full record. */
export function OrderPage() {
  const { id = '' } = useParams()
  const queryClient = useQueryClient()
  const order = useQuery({
    queryKey: orderKey(id),
    queryFn: () => getOrder(id),
    refetchInterval: (q) => pollEvery(q.state.data),
    retry: (count, err) => !(err instanceof ApiError && err.status < 500 && err.status !== 0) && count < 2,
  })

  // When the saga settles, the cart changes (bought lines leave it) and so does the order list.
  const status = order.data?.status
  const previous = useRef(status)
  useEffect(() => {
    if (previous.current === 'pending' && status && status !== 'pending') {
      void queryClient.invalidateQueries({ queryKey: CART_KEY })
      void queryClient.invalidateQueries({ queryKey: ORDER_LIST_KEY })
    }
    previous.current = status
  }, [status, queryClient])

  if (order.isPending || order.isError) {
    const missing = order.error instanceof ApiError && (order.error.status === 404 || order.error.status === 400)
    return (
      <div className="acct order-page">
        <h1>Order</h1>
        {order.isPending ? (
          <Loading label="Loading your order…" />
        ) : missing ? (
          <Empty title="Order not found">
            <p>
              There is no such order on your account. <Link to="/account/orders">See your orders</Link>
            </p>
          </Empty>
        ) : (
          <ErrorState error={order.error} retry={() => order.refetch()} />
        )}
      </div>
    )
  }
  const o = order.data
  return (
    <div className="acct order-page">
      <p className="breadcrumb">
        <Link to="/account/orders">← Your orders</Link>
      </p>
      <h1>Order {o.number}</h1>
      <p className="muted">Placed {formatDateTime(o.createdAt)}</p>
      <OrderStatusPanel order={o} />
      <div className="split">
        <div className="stack">
          <OrderItems order={o} titleId="items-title" audience="customer" />
          <OrderShipments order={o} />
          <OrderReturns order={o} />
        </div>
        <div className="stack">
          <CancelOrder order={o} />
          <OrderFacts order={o} />
        </div>
      </div>
    </div>
  )
}

/**
 * Every second while the saga decides; then, for a minute after a cancellation, every two
 * seconds until the payment shows as voided or refunded. Otherwise not at all.
 */
function pollEvery(order: Order | undefined): number | false {
  if (!order) return false
  if (order.status === 'pending') return 1000
  const settling = order.payment.status === 'authorized' || order.payment.status === 'captured'
  const recent = order.cancelledAt !== null && Date.now() - new Date(order.cancelledAt).getTime() < 60_000
  return order.status === 'cancelled' && settling && recent ? 2000 : false
}
