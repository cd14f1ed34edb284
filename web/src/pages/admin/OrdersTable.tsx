import { Link } from 'react-router'
import type { OrderSummary } from '../../api/orders.ts'
import { StatusBadge } from '../../components/ui.tsx'
import { formatDateTime, formatMoney } from '../../format.ts'

/** Orders as a table: the number links to the order's admin page. */
export function OrdersTable({ orders, caption }: { orders: OrderSummary[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="stack-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Placed</th>
            <th scope="col">Customer</th>
            <th scope="col">Status</th>
            <th scope="col">Payment</th>
            <th scope="col" className="num">
              Items
            </th>
            <th scope="col" className="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id}>
              <td className="nowrap" data-label="Order">
                <Link to={`/admin/orders/${o.id}`}>{o.number}</Link>
              </td>
              <td className="nowrap" data-label="Placed">
                {formatDateTime(o.createdAt)}
              </td>
              <td className="break" data-label="Customer">
                {o.email}
              </td>
              <td data-label="Status">
                <StatusBadge status={o.status} />
              </td>
              <td data-label="Payment">
                <StatusBadge status={o.payment.status} />
              </td>
              <td className="num" data-label="Items">
                {o.itemCount}
              </td>
              <td className="num" data-label="Total">
                {formatMoney(o.total)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
