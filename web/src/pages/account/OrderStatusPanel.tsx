import { Link } from 'react-router'
import type { Order } from '../../api/orders.ts'
import { formatDateTime } from '../../format.ts'
import { cancellationText, statusWord } from './order-words.ts'

/** The order's status, large, and what it means for the customer right now. */
export function OrderStatusPanel({ order }: { order: Order }) {
  return (
    <section className={`card status-panel status-${order.status}`} aria-labelledby="status-title">
      <h2 id="status-title" className="visually-hidden">
        Status
      </h2>
      <p className="status-line">
        Status: <strong data-testid="order-status">{statusWord(order.status)}</strong>
      </p>
      <StatusMessage order={order} />
    </section>
  )
}

function StatusMessage({ order }: { order: Order }) {
  switch (order.status) {
    case 'pending':
      return (
        <p className="confirming" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" /> Confirming your order… We are reserving your items and authorizing your card.
        </p>
      )
    case 'confirmed':
      return (
        <div className="success" role="status">
          <p className="big">Thank you — your order is confirmed.</p>
          <p>
            Your order number is <strong>{order.number}</strong>. A confirmation has been sent to {order.email}. We will let you know when it ships.
          </p>
        </div>
      )
    case 'shipped':
      return <p>Your order is on its way{order.shippedAt ? ` (shipped ${formatDateTime(order.shippedAt)})` : ''}.</p>
    case 'delivered':
      return <p>Your order was delivered{order.deliveredAt ? ` on ${formatDateTime(order.deliveredAt)}` : ''}.</p>
    case 'returned':
      return <p>The items of this order were returned and refunded.</p>
    case 'cancelled': {
      const { headline, advice } = cancellationText(order)
      return (
        <div className="form-error cancelled-reason" role="status">
          <p>{headline}</p>
          <p className="advice">{advice}</p>
          {order.cancellationReason !== 'customer_cancelled' && showDetail(order.cancellationDetail, headline) && <p className="detail">Details: {order.cancellationDetail}</p>}
          {(order.cancellationReason === 'payment_declined' || order.cancellationReason === 'out_of_stock' || order.cancellationReason === 'timeout') && (
            <p>
              <Link to="/cart">Go to your cart</Link>
            </p>
          )}
        </div>
      )
    }
  }
}

/** The API's own detail, unless it only repeats the headline. */
function showDetail(detail: string | null, headline: string): detail is string {
  if (!detail) return false
  const plain = (t: string) => t.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()
  return !plain(headline).includes(plain(detail))
}
