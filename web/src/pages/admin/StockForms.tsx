import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useRef, useState } from 'react'
import {
  ADJUSTMENT_REASONS,
  type AdjustmentInput,
  type AdjustmentReason,
  adjustStock,
  inventoryKey,
  levelKey,
  setThreshold,
  type StockLevel,
} from '../../api/admin-inventory.ts'
import { Field, fieldError, FormError, SelectField } from '../../components/ui.tsx'
import { humanize } from '../../format.ts'
import { newKey } from './admin-utils.ts'

function useLevelUpdate(sku: string) {
  const queryClient = useQueryClient()
  return (level: StockLevel) => {
    queryClient.setQueryData(levelKey(sku), level)
    void queryClient.invalidateQueries({ queryKey: inventoryKey })
    void queryClient.invalidateQueries({ queryKey: ['admin', 'dashboard'] })
  }
}

/** Count stock in or out. A retry of the same change reuses its Idempotency-Key, so it counts once. */
export function AdjustmentForm({ sku }: { sku: string }) {
  const onLevel = useLevelUpdate(sku)
  const [delta, setDelta] = useState('')
  const [reason, setReason] = useState<AdjustmentReason>('received')
  const [note, setNote] = useState('')
  const [localError, setLocalError] = useState<string>()
  const attempt = useRef<{ key: string; body: string } | undefined>(undefined)
  const adjust = useMutation({
    mutationFn: (vars: { body: AdjustmentInput; key: string }) => adjustStock(sku, vars.body, vars.key),
    onSuccess: (level) => {
      attempt.current = undefined
      setDelta('')
      setNote('')
      onLevel(level)
    },
  })

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setLocalError(undefined)
    const n = Number(delta)
    if (!delta.trim() || !Number.isInteger(n) || n === 0) return setLocalError('A whole number other than 0: positive adds stock, negative takes it out')
    const body: AdjustmentInput = { delta: n, reason, ...(note.trim() ? { note: note.trim() } : {}) }
    const signature = JSON.stringify(body)
    if (attempt.current?.body !== signature) attempt.current = { key: newKey(), body: signature }
    adjust.mutate({ body, key: attempt.current.key })
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="stock-adjust" noValidate>
      <h2 id="stock-adjust">Adjust stock</h2>
      <Field
        label="Change"
        type="number"
        step={1}
        inputMode="numeric"
        value={delta}
        hint="Positive for stock received, negative for stock taken out."
        error={localError ?? fieldError(adjust.error, 'delta')}
        onChange={(e) => setDelta(e.target.value)}
      />
      <SelectField label="Reason" value={reason} error={fieldError(adjust.error, 'reason')} onChange={(e) => setReason(e.target.value as AdjustmentReason)}>
        {ADJUSTMENT_REASONS.map((r) => (
          <option key={r} value={r}>
            {humanize(r)}
          </option>
        ))}
      </SelectField>
      <Field label="Note (optional)" value={note} maxLength={500} error={fieldError(adjust.error, 'note')} onChange={(e) => setNote(e.target.value)} />
      <FormError error={adjust.error} shownFields={['delta', 'reason', 'note']} />
      {adjust.isSuccess && !adjust.isPending && (
        <p className="success" role="status">
          Saved: {adjust.data.onHand} on hand, {adjust.data.available} available.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={adjust.isPending}>
          {adjust.isPending ? 'Saving…' : 'Save adjustment'}
        </button>
      </div>
    </form>
  )
}

/** When this sku counts as running low. */
export function ThresholdForm({ level }: { level: StockLevel }) {
  const onLevel = useLevelUpdate(level.sku)
  const [value, setValue] = useState(String(level.lowStockThreshold))
  const [localError, setLocalError] = useState<string>()
  const save = useMutation({ mutationFn: (n: number) => setThreshold(level.sku, n), onSuccess: onLevel })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const n = Number(value)
    if (!value.trim() || !Number.isInteger(n) || n < 0) return setLocalError('A whole number, 0 or more')
    setLocalError(undefined)
    save.mutate(n)
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby="stock-threshold" noValidate>
      <h2 id="stock-threshold">Low-stock threshold</h2>
      <Field
        label="Threshold"
        type="number"
        min={0}
        step={1}
        value={value}
        hint="The sku is flagged when what is available falls to this or below."
        error={localError ?? fieldError(save.error, 'lowStockThreshold')}
        onChange={(e) => setValue(e.target.value)}
      />
      <FormError error={save.error} shownFields={['lowStockThreshold']} />
      {save.isSuccess && !save.isPending && (
        <p className="success" role="status">
          Threshold saved.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button secondary" disabled={save.isPending}>
          Save threshold
        </button>
      </div>
    </form>
  )
}
