import { useQuery } from '@tanstack/react-query'
import { listShipments, type Order } from '../../api/orders.ts'
import { ErrorState, Loading, StatusBadge } from '../../components/ui.tsx'
import { formatDateTime, humanize } from '../../format.ts'

/** The parcel(s) of a confirmed order, with carrier and tracking number, once the shop has made them. */
export function OrderShipments({ order }: { order: Order }) {
  const shipments = useQuery({
    queryKey: ['orders', order.id, 'shipments', order.status],
    queryFn: () => listShipments(order.id),
    enabled: order.status !== 'pending',
  })
  if (order.status === 'pending') return null
  return (
    <section aria-labelledby="shipments-title">
      <h2 id="shipments-title">Delivery</h2>
      {shipments.isPending ? (
        <Loading label="Loading delivery details…" />
      ) : shipments.isError ? (
        <ErrorState title="Delivery details could not be loaded" error={shipments.error} retry={() => shipments.refetch()} />
      ) : shipments.data.items.length === 0 ? (
        <p className="muted">{order.status === 'cancelled' ? 'Nothing was shipped.' : 'Not shipped yet. You will get a message with the tracking number when it is.'}</p>
      ) : (
        <ul className="plain-list">
          {shipments.data.items.map((s) => (
            <li key={s.id} className="card">
              <p>
                <StatusBadge status={s.status} /> {s.carrier} · Tracking number <strong className="tracking">{s.trackingNumber}</strong>
              </p>
              <ol className="history">
                {s.history.map((h) => (
                  <li key={`${h.status}-${h.at}`}>
                    {humanize(h.status)} <time dateTime={h.at}>{formatDateTime(h.at)}</time>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
