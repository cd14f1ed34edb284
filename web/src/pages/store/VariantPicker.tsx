import { useId } from 'react'
import type { Product, Variant } from '../../api/catalog.ts'
import { SelectField } from '../../components/ui.tsx'
import { formatMoney } from '../../format.ts'
import { optionNames, optionValues, pickVariant, variantFor } from './variants.ts'

interface Props {
  product: Product
  variant: Variant | undefined
  onChange: (variant: Variant) => void
}

/** One radio group per option (legend = the option's name); nothing for a plain product. */
export function VariantPicker({ product, variant, onChange }: Props) {
  const names = optionNames(product)
  if (product.variants.length <= 1) return null
  if (names.length === 0) return <TitlePicker product={product} variant={variant} onChange={onChange} />
  return (
    <div className="variant-picker">
      {names.map((name) => (
        <OptionGroup key={name} product={product} name={name} variant={variant} onChange={onChange} />
      ))}
    </div>
  )
}

function OptionGroup({ product, name, variant, onChange }: Props & { name: string }) {
  const groupId = useId()
  return (
    <fieldset className="option-group">
      <legend>{name}</legend>
      <div className="option-values">
        {optionValues(product, name).map((value) => {
          const target = variantFor(product, variant, name, value)
          const soldOut = target !== undefined && target.available <= 0
          const missing = target === undefined
          return (
            <label key={value} className={`option-chip${soldOut || missing ? ' unavailable' : ''}`}>
              <input
                type="radio"
                name={groupId}
                value={value}
                checked={variant?.options[name] === value}
                onChange={() => {
                  const next = pickVariant(product, variant, name, value)
                  if (next) onChange(next)
                }}
              />
              <span>
                {value}
                {soldOut && <span className="option-note"> — sold out</span>}
              </span>
            </label>
          )
        })}
      </div>
    </fieldset>
  )
}

/** Variants without options: choose by title. */
function TitlePicker({ product, variant, onChange }: Props) {
  return (
    <SelectField
      label="Option"
      value={variant?.id ?? ''}
      onChange={(e) => {
        const next = product.variants.find((v) => v.id === e.target.value)
        if (next) onChange(next)
      }}
    >
      {product.variants.map((v) => (
        <option key={v.id} value={v.id}>
          {v.title} — {formatMoney(v.price)}
          {v.available <= 0 ? ' (sold out)' : ''}
        </option>
      ))}
    </SelectField>
  )
}
