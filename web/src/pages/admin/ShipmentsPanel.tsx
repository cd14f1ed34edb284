import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { changeShipment, createShipment, listShipments, shipmentsKey } from '../../api/admin-fulfilment.ts'
import type { Order, Shipment, ShipmentStatus } from '../../api/orders.ts'
import { ErrorState, FormError, Loading, StatusBadge } from '../../components/ui.tsx'
import { formatDateTime, humanize } from '../../format.ts'
import { refreshOrderSoon } from './OrderDetails.tsx'

type Move = Exclude<ShipmentStatus, 'pending'>

/** The moves an admin may make from each status (forward only, as shipping allows). */
const MOVES: Record<ShipmentStatus, Array<{ to: Move; label: string; danger?: boolean }>> = {
  pending: [
    { to: 'in_transit', label: 'Mark in transit' },
    { to: 'delivered', label: 'Mark delivered' },
    { to: 'cancelled', label: 'Cancel shipment', danger: true },
  ],
  in_transit: [
    { to: 'delivered', label: 'Mark delivered' },
    { to: 'cancelled', label: 'Cancel shipment', danger: true },
  ],
  delivered: [],
  cancelled: [],
}

/** The order's shipments: make one, then move it along. */
export function ShipmentsPanel({ order }: { order: Order }) {
  const queryClient = useQueryClient()
  const query = useQuery({ queryKey: shipmentsKey(order.id), queryFn: ({ signal }) => listShipments(order.id, signal) })
  const create = useMutation({
    mutationFn: () => createShipment(order.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: shipmentsKey(order.id) })
      refreshOrderSoon(queryClient, order.id)
    },
  })
  const shipments = query.data?.items ?? []
  const active = shipments.some((s) => s.status !== 'cancelled')

  return (
    <section aria-labelledby="order-shipments" className="card">
      <h2 id="order-shipments">Shipments</h2>
      {query.isPending ? (
        <Loading label="Loading shipments…" />
      ) : query.isError ? (
        <ErrorState error={query.error} retry={() => void query.refetch()} title="Shipments could not be loaded" />
      ) : (
        <>
          {shipments.length === 0 && (
            <p className="muted">{order.status === 'cancelled' ? 'The order was cancelled: nothing to ship.' : 'No shipment yet.'}</p>
          )}
          <ul className="plain-list stack">
            {shipments.map((s) => (
              <li key={s.id}>
                <ShipmentCard shipment={s} orderId={order.id} />
              </li>
            ))}
          </ul>
          {!active && (order.status === 'confirmed' || order.status === 'pending') && (
            <div className="form-actions">
              <button type="button" className="button" disabled={create.isPending} onClick={() => create.mutate()}>
                {create.isPending ? 'Creating…' : 'Create shipment'}
              </button>
              {order.status === 'pending' && <span className="muted">The order is not confirmed yet.</span>}
            </div>
          )}
          <FormError error={create.error} />
        </>
      )}
    </section>
  )
}

function ShipmentCard({ shipment, orderId }: { shipment: Shipment; orderId: string }) {
  const queryClient = useQueryClient()
  const move = useMutation({
    mutationFn: (to: Move) => changeShipment(shipment.id, to),
    onSuccess: (updated) => {
      queryClient.setQueryData(shipmentsKey(orderId), (old: { items: Shipment[] } | undefined) =>
        old ? { ...old, items: old.items.map((s) => (s.id === updated.id ? updated : s)) } : old,
      )
      void queryClient.invalidateQueries({ queryKey: shipmentsKey(orderId) })
      refreshOrderSoon(queryClient, orderId)
    },
  })
  const headingId = `shipment-${shipment.id}`
  return (
    <article className="sub-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {shipment.carrier} <span className="mono">{shipment.trackingNumber}</span>
      </h3>
      <p>
        Shipment status: <StatusBadge status={shipment.status} />
      </p>
      <ol className="timeline">
        {shipment.history.map((h) => (
          <li key={`${h.status}-${h.at}`}>
            {humanize(h.status)} <time dateTime={h.at}>{formatDateTime(h.at)}</time>
          </li>
        ))}
      </ol>
      {MOVES[shipment.status].length > 0 && (
        <div className="form-actions">
          {MOVES[shipment.status].map((m) => (
            <button
              key={m.to}
              type="button"
              className={m.danger ? 'button danger' : 'button secondary'}
              disabled={move.isPending}
              onClick={() => move.mutate(m.to)}
            >
              {m.label}
            </button>
          ))}
        </div>
      )}
      {move.isPending && <Loading label="Saving…" />}
      <FormError error={move.error} />
    </article>
  )
}
