import type { Order } from '../../api/orders.ts'
import { StatusBadge } from '../../components/ui.tsx'
import { formatDateTime, formatMoney } from '../../format.ts'
import { AddressView } from './AddressView.tsx'
import { daysText } from './ShippingMethods.tsx'
import { statusWord } from './order-words.ts'

/** Where it goes, how, how it was paid, and what happened when. */
export function OrderFacts({ order }: { order: Order }) {
  const { payment, shippingMethod } = order
  return (
    <div className="facts">
      <section className="card" aria-labelledby="ship-title">
        <h2 id="ship-title">Shipping</h2>
        <AddressView address={order.shippingAddress} />
        <p>
          {shippingMethod.name}
          {shippingMethod.carrier && ` (${shippingMethod.carrier})`} · {daysText(shippingMethod.estimatedDays)}
        </p>
      </section>
      <section className="card" aria-labelledby="pay-title">
        <h2 id="pay-title">Payment</h2>
        <p>
          {payment.brand ? `${payment.brand.charAt(0).toUpperCase()}${payment.brand.slice(1)}` : 'Card'}
          {payment.last4 && ` ending in ${payment.last4}`}
        </p>
        <p>
          <StatusBadge status={payment.status} />
        </p>
        {payment.refunded.amount > 0 && <p>Refunded: {formatMoney(payment.refunded)}</p>}
      </section>
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <ol className="history">
          {order.history.map((h) => (
            <li key={`${h.status}-${h.at}`}>
              <strong>{statusWord(h.status)}</strong> <time dateTime={h.at}>{formatDateTime(h.at)}</time>
            </li>
          ))}
        </ol>
      </section>
    </div>
  )
}
