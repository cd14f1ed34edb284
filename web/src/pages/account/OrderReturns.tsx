import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { type Order, orderKey, requestReturn } from '../../api/orders.ts'
import { fieldError, FormError, StatusBadge, TextAreaField } from '../../components/ui.tsx'
import { formatDate, formatDateTime, formatMoney } from '../../format.ts'
import { useAttemptKey } from './checkout-hooks.ts'

/** Returns already asked for, and for a delivered order inside the window, a form to ask for one. */
export function OrderReturns({ order }: { order: Order }) {
  const closes = order.returnableUntil ? new Date(order.returnableUntil) : undefined
  const open = order.status === 'delivered' && closes !== undefined && closes.getTime() > Date.now()
  if (order.returns.length === 0 && order.status !== 'delivered') return null
  return (
    <section aria-labelledby="returns-title">
      <h2 id="returns-title">Returns</h2>
      {order.returns.length > 0 && (
        <ul className="plain-list">
          {order.returns.map((r) => (
            <li key={r.id} className="card">
              <p>
                <StatusBadge status={r.status} /> Requested {formatDateTime(r.createdAt)} · refund {formatMoney(r.refund)}
              </p>
              <ul>
                {r.items.map((i) => (
                  <li key={i.variantId}>
                    {i.name ?? i.sku} × {i.quantity}
                  </li>
                ))}
              </ul>
              <p className="muted">Reason: {r.reason}</p>
            </li>
          ))}
        </ul>
      )}
      {order.status === 'delivered' &&
        (open ? (
          <ReturnForm order={order} closes={closes} />
        ) : (
          <p className="muted">The return window for this order has closed{closes ? ` (${formatDate(closes.toISOString())})` : ''}.</p>
        ))}
    </section>
  )
}

function ReturnForm({ order, closes }: { order: Order; closes: Date }) {
  const queryClient = useQueryClient()
  const attempt = useAttemptKey()
  const asked = new Map<string, number>()
  for (const r of order.returns) for (const i of r.items) asked.set(i.variantId, (asked.get(i.variantId) ?? 0) + i.quantity)
  const lines = order.items.map((l) => ({ ...l, left: l.quantity - (asked.get(l.variantId) ?? 0) })).filter((l) => l.left > 0)
  const [quantities, setQuantities] = useState<Record<string, number>>({})
  const [reason, setReason] = useState('')
  const [opened, setOpened] = useState(false)

  const send = useMutation({
    mutationFn: () => {
      const body = { items: lines.map((l) => ({ variantId: l.variantId, quantity: quantities[l.variantId] ?? 0 })).filter((i) => i.quantity > 0), reason: reason.trim() }
      return requestReturn(order.id, body, attempt.keyFor(JSON.stringify(body)))
    },
    onSettled: (_d, error) => attempt.settled(error ?? undefined),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: orderKey(order.id) })
      setQuantities({})
      setReason('')
      setOpened(false)
    },
  })
  if (lines.length === 0) return <p className="muted">Every item of this order has a return request.</p>
  if (!opened)
    return (
      <p>
        <button type="button" className="button secondary" onClick={() => setOpened(true)}>
          Return items
        </button>{' '}
        <span className="muted">Until {formatDate(closes.toISOString())}</span>
      </p>
    )
  const chosen = Object.values(quantities).some((q) => q > 0)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    send.mutate()
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby="return-form-title">
      <h3 id="return-form-title">Return items</h3>
      <FormError error={send.error} shownFields={['reason']} />
      <fieldset>
        <legend>What are you sending back?</legend>
        {lines.map((l) => (
          <div key={l.variantId} className="field return-line">
            <label htmlFor={`ret-${l.variantId}`}>{l.name}</label>
            <select
              id={`ret-${l.variantId}`}
              value={quantities[l.variantId] ?? 0}
              onChange={(e) => setQuantities((q) => ({ ...q, [l.variantId]: Number(e.target.value) }))}
            >
              {Array.from({ length: l.left + 1 }, (_, n) => (
                <option key={n} value={n}>
                  {n === 0 ? 'None' : `${n} of ${l.left}`}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
      <TextAreaField label="Reason" required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(send.error, 'reason')} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={send.isPending || !chosen || !reason.trim()}>
          {send.isPending ? 'Sending…' : 'Request return'}
        </button>
        <button type="button" className="button secondary" onClick={() => setOpened(false)}>
          Cancel
        </button>
      </div>
    </form>
  )
}
