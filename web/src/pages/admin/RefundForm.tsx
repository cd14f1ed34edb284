import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useRef, useState } from 'react'
import { type Payment, paymentsKey, refundPayment } from '../../api/admin-fulfilment.ts'
import type { Money } from '../../api/types.ts'
import { Field, fieldError, FormError } from '../../components/ui.tsx'
import { formatMoney } from '../../format.ts'
import { newKey, toMinor } from './admin-utils.ts'
import { refreshOrderSoon } from './OrderDetails.tsx'

/**
 * Refund part or the rest of a captured payment. One Idempotency-Key per attempt: a retry of the
 * same amount and reason reuses it (so a lost answer cannot refund twice); any change makes a new one.
 */
export function RefundForm({ payment, refundable }: { payment: Payment; refundable: Money }) {
  const queryClient = useQueryClient()
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const [localError, setLocalError] = useState<string>()
  const attempt = useRef<{ key: string; body: string } | undefined>(undefined)

  const refund = useMutation({
    mutationFn: (vars: { body: { amount?: Money; reason?: string }; key: string }) => refundPayment(payment.id, vars.body, vars.key),
    onSuccess: () => {
      attempt.current = undefined
      setAmount('')
      setReason('')
      void queryClient.invalidateQueries({ queryKey: paymentsKey(payment.orderId) })
      refreshOrderSoon(queryClient, payment.orderId)
    },
  })

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setLocalError(undefined)
    const body: { amount?: Money; reason?: string } = {}
    if (amount.trim()) {
      const minor = toMinor(amount)
      if (minor === undefined || minor <= 0) return setLocalError('Enter an amount in dollars, like 12.50')
      if (minor > refundable.amount) return setLocalError(`At most ${formatMoney(refundable)} can be refunded`)
      body.amount = { amount: minor, currency: refundable.currency }
    }
    if (reason.trim()) body.reason = reason.trim()
    const signature = JSON.stringify(body)
    if (attempt.current?.body !== signature) attempt.current = { key: newKey(), body: signature }
    refund.mutate({ body, key: attempt.current.key })
  }

  const fields = ['amount', 'reason']
  const done = refund.data
  return (
    <form className="refund-form" onSubmit={submit} aria-labelledby={`refund-${payment.id}`} noValidate>
      <h4 id={`refund-${payment.id}`}>Refund</h4>
      <p className="muted">Up to {formatMoney(refundable)} can be refunded.</p>
      <div className="form-row">
        <Field
          label="Refund amount ($)"
          inputMode="decimal"
          value={amount}
          placeholder={(refundable.amount / 100).toFixed(2)}
          hint="Leave empty to refund everything not yet refunded."
          error={localError ?? fieldError(refund.error, 'amount')}
          onChange={(e) => setAmount(e.target.value)}
        />
        <Field label="Reason" value={reason} maxLength={500} error={fieldError(refund.error, 'reason')} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button danger" disabled={refund.isPending}>
          {refund.isPending ? 'Refunding…' : 'Refund'}
        </button>
      </div>
      <FormError error={refund.error} shownFields={fields} />
      {done && !refund.isPending && !refund.error && (
        <p className={done.status === 'failed' ? 'form-error' : 'success'} role="status">
          Refund {done.amount ? formatMoney(done.amount) : ''} {done.status === 'pending' ? 'is being processed' : done.status}
          {done.failureMessage ? `: ${done.failureMessage}` : '.'}
        </p>
      )}
    </form>
  )
}
