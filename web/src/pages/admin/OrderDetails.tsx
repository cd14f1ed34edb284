import type { QueryClient } from '@tanstack/react-query'
import { orderKey, ordersKey } from '../../api/admin-orders.ts'
import type { Order } from '../../api/orders.ts'
import { StatusBadge } from '../../components/ui.tsx'
import { formatDateTime } from '../../format.ts'

/** Who and where: customer, address, shipping method, and the status history. */
export function OrderSide({ order }: { order: Order }) {
  const a = order.shippingAddress
  return (
    <aside className="stack" aria-label="Order details">
      <section className="card" aria-labelledby="order-customer">
        <h2 id="order-customer">Customer</h2>
        <p className="break">{order.email}</p>
        <h3>Ship to</h3>
        <address>
          {a.fullName}
          <br />
          {a.line1}
          {a.line2 && (
            <>
              <br />
              {a.line2}
            </>
          )}
          <br />
          {a.postalCode} {a.city}
          {a.region ? `, ${a.region}` : ''}
          <br />
          {a.country}
          {a.phone && (
            <>
              <br />
              {a.phone}
            </>
          )}
        </address>
        <h3>Shipping method</h3>
        <p>
          {order.shippingMethod.name} ({order.shippingMethod.carrier}), {order.shippingMethod.estimatedDays.min}–{order.shippingMethod.estimatedDays.max} days
        </p>
        <h3>Payment</h3>
        <p>
          <StatusBadge status={order.payment.status} /> {order.payment.brand ? `${order.payment.brand} ···· ${order.payment.last4 ?? ''}` : ''}
        </p>
      </section>
      <section className="card" aria-labelledby="order-history">
        <h2 id="order-history">Status history</h2>
        <ol className="timeline">
          {order.history.map((h) => (
            <li key={`${h.status}-${h.at}`}>
              <StatusBadge status={h.status} /> <time dateTime={h.at}>{formatDateTime(h.at)}</time>
            </li>
          ))}
        </ol>
      </section>
    </aside>
  )
}

/**
 * Other services tell ordering about shipments and refunds by events, a moment later: look at
 * the order again now and shortly after.
 */
export function refreshOrderSoon(queryClient: QueryClient, orderId: string): void {
  const again = () => {
    void queryClient.invalidateQueries({ queryKey: orderKey(orderId) })
    void queryClient.invalidateQueries({ queryKey: ordersKey })
    void queryClient.invalidateQueries({ queryKey: ['admin', 'dashboard'] })
  }
  again()
  setTimeout(again, 1000)
  setTimeout(again, 3000)
}
