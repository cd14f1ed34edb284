import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { cancelOrder, type Order, ORDER_LIST_KEY, orderKey } from '../../api/orders.ts'
import { CART_KEY } from '../../components/Layout.tsx'
import { FormError } from '../../components/ui.tsx'

/** "Cancel order", then an inline "are you sure" step; only offered before shipment. */
export function CancelOrder({ order }: { order: Order }) {
  const queryClient = useQueryClient()
  const [asking, setAsking] = useState(false)
  const cancel = useMutation({
    mutationFn: () => cancelOrder(order.id),
    onSuccess: (updated) => {
      queryClient.setQueryData(orderKey(order.id), updated)
      void queryClient.invalidateQueries({ queryKey: ORDER_LIST_KEY })
      void queryClient.invalidateQueries({ queryKey: CART_KEY })
      setAsking(false)
    },
  })
  if (order.status !== 'pending' && order.status !== 'confirmed') return null
  return (
    <section className="card cancel-box" aria-labelledby="cancel-title">
      <h2 id="cancel-title">Changed your mind?</h2>
      <FormError error={cancel.error} />
      {asking ? (
        <div role="group" aria-labelledby="cancel-question">
          <p id="cancel-question">
            Are you sure you want to cancel order {order.number}? {order.status === 'confirmed' ? 'Your payment will be refunded.' : 'The hold on your card will be released.'}
          </p>
          <div className="form-actions">
            <button type="button" className="button danger" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
              {cancel.isPending ? 'Cancelling…' : 'Yes, cancel the order'}
            </button>
            <button type="button" className="button secondary" disabled={cancel.isPending} onClick={() => setAsking(false)}>
              Keep the order
            </button>
          </div>
        </div>
      ) : (
        <>
          <p>You can cancel until the order ships.</p>
          <button type="button" className="button secondary" onClick={() => setAsking(true)}>
            Cancel order
          </button>
        </>
      )}
    </section>
  )
}
