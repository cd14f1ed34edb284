import type { UseQueryResult } from '@tanstack/react-query'
import type { ShippingQuote } from '../../api/orders.ts'
import { ErrorState, Loading } from '../../components/ui.tsx'
import { formatMoney } from '../../format.ts'

interface Props {
  /** Undefined until there is a country and postal code to quote for. */
  quotes: UseQueryResult<ShippingQuote[]> | undefined
  selected: string | undefined
  onSelect: (methodId: string) => void
  error?: string
}

export function daysText(d: { min: number; max: number }): string {
  if (d.min === d.max) return `${d.min} business ${d.min === 1 ? 'day' : 'days'}`
  return `${d.min}–${d.max} business days`
}

/** The methods that serve the address, with their price for this cart; each radio is named by the method. */
export function ShippingMethods({ quotes, selected, onSelect, error }: Props) {
  return (
    <fieldset className="card" aria-busy={quotes?.isFetching ?? false}>
      <legend>Shipping method</legend>
      {!quotes ? (
        <p className="muted">Enter a postal code and country to see the shipping methods and prices.</p>
      ) : quotes.isPending ? (
        <Loading label="Getting shipping prices…" />
      ) : quotes.isError ? (
        <ErrorState title="Shipping prices could not be loaded" error={quotes.error} retry={() => quotes.refetch()} />
      ) : quotes.data.length === 0 ? (
        <p className="notice">No shipping method serves this address. Try another address.</p>
      ) : (
        <div className="choices">
          {quotes.data.map((q) => (
            <div key={q.methodId} className="choice option method">
              <input id={`method-${q.methodId}`} type="radio" name="shippingMethod" value={q.methodId} checked={selected === q.methodId} onChange={() => onSelect(q.methodId)} aria-describedby={`method-${q.methodId}-info`} />
              <label htmlFor={`method-${q.methodId}`}>{q.name}</label>
              <span id={`method-${q.methodId}-info`} className="method-info">
                <span className="muted">
                  {q.carrier} · {daysText(q.estimatedDays)}
                </span>
                <span className="price">{q.price.amount === 0 ? 'Free' : formatMoney(q.price)}</span>
              </span>
            </div>
          ))}
        </div>
      )}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  )
}
