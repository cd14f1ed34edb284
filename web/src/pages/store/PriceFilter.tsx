import { type FormEvent, useState } from 'react'
import type { SearchFacets } from '../../api/catalog.ts'
import { Field } from '../../components/ui.tsx'
import { formatMoney } from '../../format.ts'
import { dollarsToMinor, minorToDollars, type ParamChanges } from './catalog-params.ts'

interface Props {
  minPrice: number | undefined
  maxPrice: number | undefined
  range: SearchFacets['price']
  onApply: (changes: ParamChanges) => void
}

/** Min and max price in dollars; the address bar keeps minor units. Remount (key) to reset. */
export function PriceFilter({ minPrice, maxPrice, range, onApply }: Props) {
  const [min, setMin] = useState(minorToDollars(minPrice))
  const [max, setMax] = useState(minorToDollars(maxPrice))
  const [error, setError] = useState<{ field: 'min' | 'max'; message: string }>()

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const lo = dollarsToMinor(min)
    const hi = dollarsToMinor(max)
    if (Number.isNaN(lo)) return setError({ field: 'min', message: 'Enter an amount such as 10 or 12.50.' })
    if (Number.isNaN(hi)) return setError({ field: 'max', message: 'Enter an amount such as 40 or 49.99.' })
    if (lo !== undefined && hi !== undefined && lo > hi) return setError({ field: 'min', message: 'The minimum must not be above the maximum.' })
    setError(undefined)
    onApply({ minPrice: lo === undefined ? undefined : String(lo), maxPrice: hi === undefined ? undefined : String(hi) })
  }

  return (
    <form className="price-filter" onSubmit={submit} noValidate>
      <div className="price-inputs">
        <Field
          label="Min price ($)"
          inputMode="decimal"
          value={min}
          onChange={(e) => setMin(e.target.value)}
          placeholder={range ? minorToDollars(range.min.amount) : undefined}
          error={error?.field === 'min' ? error.message : undefined}
        />
        <Field
          label="Max price ($)"
          inputMode="decimal"
          value={max}
          onChange={(e) => setMax(e.target.value)}
          placeholder={range ? minorToDollars(range.max.amount) : undefined}
          error={error?.field === 'max' ? error.message : undefined}
        />
      </div>
      {range && (
        <p className="muted small">
          These results cost {formatMoney(range.min)} to {formatMoney(range.max)}.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button secondary">
          Apply price
        </button>
        {(minPrice !== undefined || maxPrice !== undefined) && (
          <button type="button" className="link-button" onClick={() => onApply({ minPrice: undefined, maxPrice: undefined })}>
            Any price
          </button>
        )}
      </div>
    </form>
  )
}
