import { useQuery } from '@tanstack/react-query'
import { listPayments, type Payment, paymentsKey } from '../../api/admin-fulfilment.ts'
import type { Order } from '../../api/orders.ts'
import { ErrorState, Loading, StatusBadge } from '../../components/ui.tsx'
import { formatDateTime, formatMoney, humanize } from '../../format.ts'
import { RefundForm } from './RefundForm.tsx'

/** The order's payments: amounts, history and refunds, and a refund form for captured money. */
export function PaymentsPanel({ order }: { order: Order }) {
  const query = useQuery({ queryKey: paymentsKey(order.id), queryFn: ({ signal }) => listPayments(order.id, signal) })
  return (
    <section aria-labelledby="order-payments" className="card">
      <h2 id="order-payments">Payments</h2>
      {query.isPending ? (
        <Loading label="Loading payments…" />
      ) : query.isError ? (
        <ErrorState error={query.error} retry={() => void query.refetch()} title="Payments could not be loaded" />
      ) : query.data.items.length === 0 ? (
        <p className="muted">No payment recorded for this order.</p>
      ) : (
        <ul className="plain-list stack">
          {query.data.items.map((p) => (
            <li key={p.id}>
              <PaymentCard payment={p} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function PaymentCard({ payment }: { payment: Payment }) {
  const refundable = payment.captured.amount - payment.refunded.amount
  const headingId = `payment-${payment.id}`
  return (
    <article className="sub-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {payment.method ? `${payment.method.brand} ···· ${payment.method.last4}` : 'Payment'} <span className="muted">via {payment.provider}</span>
      </h3>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={payment.status} />
            {payment.disputed && <span className="badge badge-failed">disputed</span>}
          </dd>
        </div>
        <div>
          <dt>Amount</dt>
          <dd>{formatMoney(payment.amount)}</dd>
        </div>
        <div>
          <dt>Captured</dt>
          <dd>{formatMoney(payment.captured)}</dd>
        </div>
        <div>
          <dt>Refunded</dt>
          <dd>{formatMoney(payment.refunded)}</dd>
        </div>
      </dl>
      {payment.failure && (
        <p className="notice">
          {humanize(payment.failure.reason)}: {payment.failure.message}
        </p>
      )}
      {payment.refunds.length > 0 && (
        <>
          <h4>Refunds</h4>
          <div className="table-wrap">
            <table className="stack-table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {payment.refunds.map((r) => (
                  <tr key={r.id}>
                    <td className="nowrap" data-label="When">
                      {formatDateTime(r.createdAt)}
                    </td>
                    <td className="num" data-label="Amount">
                      {r.amount ? formatMoney(r.amount) : 'the rest'}
                    </td>
                    <td data-label="Status">
                      <div>
                        <StatusBadge status={r.status} />
                        {r.failureMessage && <div className="muted">{r.failureMessage}</div>}
                      </div>
                    </td>
                    <td data-label="Reason">{r.reason ?? humanize(r.source)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <details>
        <summary>History ({payment.events.length} events)</summary>
        <ol className="timeline">
          {payment.events.map((e, i) => (
            <li key={`${e.type}-${e.at}-${i}`}>
              <strong>{humanize(e.type)}</strong> <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              {e.data && Object.keys(e.data).length > 0 && <pre className="payload">{JSON.stringify(e.data, null, 2)}</pre>}
            </li>
          ))}
        </ol>
      </details>
      {refundable > 0 ? (
        <RefundForm payment={payment} refundable={{ amount: refundable, currency: payment.captured.currency }} />
      ) : (
        <p className="muted">Nothing left to refund.</p>
      )}
    </article>
  )
}
