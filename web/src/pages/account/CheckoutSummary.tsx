import type { Cart } from '../../api/cart.ts'
import type { ShippingQuote } from '../../api/orders.ts'
import { formatMoney } from '../../format.ts'

/** What is being bought and what it will cost; shipping is shown once a method is chosen. */
export function CheckoutSummary({ cart, method }: { cart: Cart; method: ShippingQuote | undefined }) {
  const lines = cart.items.filter((l) => l.sellable)
  const total = method ? { amount: cart.subtotal.amount + method.price.amount, currency: cart.subtotal.currency } : undefined
  return (
    <section className="card summary" aria-labelledby="summary-title">
      <h2 id="summary-title">Order summary</h2>
      <ul className="summary-lines">
        {lines.map((l) => (
          <li key={l.variantId}>
            <span>
              {l.name}
              {l.title && l.title !== 'Default' && l.title !== l.name ? <span className="muted"> — {l.title}</span> : null}
              <span className="muted"> × {l.quantity}</span>
            </span>
            <span className="num">{formatMoney(l.lineTotal)}</span>
          </li>
        ))}
      </ul>
      <dl className="totals">
        <div>
          <dt>Subtotal</dt>
          <dd>{formatMoney(cart.subtotal)}</dd>
        </div>
        <div>
          <dt>Shipping</dt>
          <dd>{method ? (method.price.amount === 0 ? 'Free' : formatMoney(method.price)) : '—'}</dd>
        </div>
        <div className="grand">
          <dt>Total</dt>
          <dd>{total ? formatMoney(total) : '—'}</dd>
        </div>
      </dl>
    </section>
  )
}
