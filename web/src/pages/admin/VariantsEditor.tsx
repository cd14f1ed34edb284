import type { InputHTMLAttributes, ReactNode } from 'react'
import { emptyVariant, optionNames, type ProductForm, splitValues, type VariantRow } from './product-form.ts'

interface Props {
  form: ProductForm
  onChange: (patch: Partial<ProductForm>) => void
  err: (path: string) => string | undefined
  disabled: boolean
  isNew: boolean
}

/** The variants as an editable table: sku, title, a column per option, price, weight. */
export function VariantsEditor({ form, onChange, err, disabled, isNew }: Props) {
  const names = optionNames(form)
  const valuesOf = new Map(form.options.map((o) => [o.name.trim(), splitValues(o.values)]))
  const update = (index: number, patch: Partial<VariantRow>) => onChange({ variants: form.variants.map((v, i) => (i === index ? { ...v, ...patch } : v)) })
  const remove = (index: number) => onChange({ variants: form.variants.filter((_, i) => i !== index) })
  const add = () => onChange({ variants: [...form.variants, emptyVariant()] })

  return (
    <fieldset disabled={disabled}>
      <legend>Variants</legend>
      <p className="muted">
        Prices in dollars. Saving replaces the product’s variants with these rows, matched by sku.
        {isNew ? ' Opening stock is counted in when the product is created.' : ' Opening stock applies to new rows only.'}
      </p>
      <div className="table-wrap">
        <table className="variants-table">
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">Title</th>
              {names.map((n) => (
                <th scope="col" key={n}>
                  {n}
                </th>
              ))}
              <th scope="col">Price ($)</th>
              <th scope="col">Compare at ($)</th>
              <th scope="col">Weight (g)</th>
              <th scope="col">Opening stock</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {form.variants.map((v, i) => {
              const label = `Variant ${i + 1}`
              const path = `variants.${i}`
              return (
                <tr key={v.key}>
                  <td>
                    <CellInput label={`${label} SKU`} value={v.sku} error={err(`${path}.sku`)} onChange={(e) => update(i, { sku: e.target.value })} required />
                  </td>
                  <td>
                    <CellInput label={`${label} title`} value={v.title} placeholder="Default" error={err(`${path}.title`)} onChange={(e) => update(i, { title: e.target.value })} />
                  </td>
                  {names.map((n) => (
                    <td key={n}>
                      <OptionCell
                        label={`${label} ${n}`}
                        value={v.options[n] ?? ''}
                        values={valuesOf.get(n) ?? []}
                        error={err(`${path}.options`)}
                        onChange={(value) => update(i, { options: { ...v.options, [n]: value } })}
                      />
                    </td>
                  ))}
                  <td>
                    <CellInput
                      label={`${label} price in dollars`}
                      inputMode="decimal"
                      className="money-input"
                      value={v.price}
                      error={err(`${path}.price`)}
                      onChange={(e) => update(i, { price: e.target.value })}
                      required
                    />
                  </td>
                  <td>
                    <CellInput
                      label={`${label} compare-at price in dollars`}
                      inputMode="decimal"
                      className="money-input"
                      value={v.compareAtPrice}
                      error={err(`${path}.compareAtPrice`)}
                      onChange={(e) => update(i, { compareAtPrice: e.target.value })}
                    />
                  </td>
                  <td>
                    <CellInput
                      label={`${label} weight in grams`}
                      inputMode="numeric"
                      className="number-input"
                      value={v.weightGrams}
                      error={err(`${path}.weightGrams`)}
                      onChange={(e) => update(i, { weightGrams: e.target.value })}
                    />
                  </td>
                  <td>
                    {v.id ? (
                      <span className="muted">—</span>
                    ) : (
                      <CellInput
                        label={`${label} opening stock`}
                        inputMode="numeric"
                        className="number-input"
                        value={v.initialStock}
                        error={err(`${path}.initialStock`)}
                        onChange={(e) => update(i, { initialStock: e.target.value })}
                      />
                    )}
                  </td>
                  <td>
                    <button type="button" className="button secondary" onClick={() => remove(i)} disabled={form.variants.length <= 1}>
                      Remove<span className="visually-hidden"> {label.toLowerCase()}{v.sku ? ` (${v.sku})` : ''}</span>
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {err('variants') && <p className="field-error">{err('variants')}</p>}
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={add} disabled={form.variants.length >= 250}>
          Add variant
        </button>
      </div>
    </fieldset>
  )
}

interface CellInputProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string
  error?: string
}

/** An input in a table cell: named for assistive technology, its error beneath it. */
function CellInput({ label, error, id, ...input }: CellInputProps) {
  const inputId = id ?? `cell-${label.replaceAll(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`
  return (
    <CellShell error={error} errorId={`${inputId}-error`}>
      <input id={inputId} aria-label={label} aria-invalid={error ? true : undefined} aria-describedby={error ? `${inputId}-error` : undefined} {...input} />
    </CellShell>
  )
}

function OptionCell({ label, value, values, error, onChange }: { label: string; value: string; values: string[]; error?: string; onChange: (v: string) => void }) {
  const choices = value && !values.includes(value) ? [value, ...values] : values
  return (
    <select aria-label={label} aria-invalid={error ? true : undefined} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">—</option>
      {choices.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
    </select>
  )
}

function CellShell({ error, errorId, children }: { error?: string; errorId: string; children: ReactNode }) {
  return (
    <div className={`cell-field${error ? ' has-error' : ''}`}>
      {children}
      {error && (
        <small id={errorId} className="field-error">
          {error}
        </small>
      )}
    </div>
  )
}
