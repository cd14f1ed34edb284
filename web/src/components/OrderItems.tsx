import type { ReactNode } from 'react'
import type { OrderSummary } from '../api/orders.ts'
import { formatMoney } from '../format.ts'

/**
 * Who reads the table. Customers (their order page) see "Item", "SKU …" under each name, free
 * shipping as "Free" and the total row stressed; admins (the admin order page) see "Product", the
 * bare sku, the shipping method in the shipping row and every figure as money.
 */
export type OrderItemsAudience = 'customer' | 'admin'

/** An order's lines and totals, as charged, in a section headed "Items". */
export function OrderItems({ order, titleId, audience }: { order: OrderSummary; titleId: string; audience: OrderItemsAudience }) {
  const admin = audience === 'admin'
  const shipping = !admin && order.shippingTotal.amount === 0 ? 'Free' : formatMoney(order.shippingTotal)
  const total = formatMoney(order.total)
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>Items</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{admin ? 'Product' : 'Item'}</th>
              <th scope="col" className="num">
                Price
              </th>
              <th scope="col" className="num">
                Qty
              </th>
              <th scope="col" className="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {order.items.map((l) => (
              <tr key={l.variantId}>
                <td>
                  {l.name}
                  {admin ? (
                    <div className="muted small">{l.sku}</div>
                  ) : (
                    <>
                      <br />
                      <small className="muted">SKU {l.sku}</small>
                    </>
                  )}
                </td>
                <td className="num">{formatMoney(l.unitPrice)}</td>
                <td className="num">{l.quantity}</td>
                <td className="num">{formatMoney(l.lineTotal)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <TotalRow label="Subtotal" value={formatMoney(order.subtotal)} admin={admin} />
            <TotalRow label={admin ? <>Shipping ({order.shippingMethod.name})</> : 'Shipping'} value={shipping} admin={admin} />
            {admin ? <TotalRow label="Total" value={<strong>{total}</strong>} admin /> : <TotalRow label="Total" value={total} className="grand" admin={false} />}
            {order.payment.refunded.amount > 0 && <TotalRow label="Refunded" value={<>−{formatMoney(order.payment.refunded)}</>} admin={admin} />}
          </tfoot>
        </table>
      </div>
    </section>
  )
}

function TotalRow({ label, value, admin, className }: { label: ReactNode; value: ReactNode; admin: boolean; className?: string }) {
  return (
    <tr className={className}>
      <th scope="row" colSpan={3} className={admin ? 'num' : undefined}>
        {label}
      </th>
      <td className="num">{value}</td>
    </tr>
  )
}
