import { Field } from '../../components/ui.tsx'
import { type ProductForm, rowKey } from './product-form.ts'

interface Props {
  form: ProductForm
  onChange: (patch: Partial<ProductForm>) => void
  err: (path: string) => string | undefined
  disabled: boolean
}

/** The product's options (Size: S, M, L); each becomes a column of the variants table. */
export function OptionsEditor({ form, onChange, err, disabled }: Props) {
  const rename = (index: number, name: string) => {
    const old = form.options[index]?.name.trim() ?? ''
    const options = form.options.map((o, i) => (i === index ? { ...o, name } : o))
    const next = name.trim()
    // Variants keep their choice when the option is renamed.
    const variants =
      old && next && old !== next
        ? form.variants.map((v) => {
            const { [old]: value, ...rest } = v.options
            return value === undefined ? v : { ...v, options: { ...rest, [next]: value } }
          })
        : form.variants
    onChange({ options, variants })
  }
  const setValues = (index: number, values: string) => onChange({ options: form.options.map((o, i) => (i === index ? { ...o, values } : o)) })
  const remove = (index: number) => onChange({ options: form.options.filter((_, i) => i !== index) })
  const add = () => onChange({ options: [...form.options, { key: rowKey(), name: '', values: '' }] })

  return (
    <fieldset disabled={disabled}>
      <legend>Options</legend>
      <p className="muted">Leave empty for a plain product with one variant. Each option’s values are separated by commas, like “S, M, L”.</p>
      {form.options.map((o, i) => (
        <div className="option-row" key={o.key}>
          <Field label={`Option ${i + 1} name`} value={o.name} maxLength={50} placeholder="Size" error={err(`options.${i}.name`)} onChange={(e) => rename(i, e.target.value)} />
          <Field
            label={`Option ${i + 1} values`}
            value={o.values}
            placeholder="S, M, L"
            error={err(`options.${i}.values`)}
            onChange={(e) => setValues(i, e.target.value)}
          />
          <button type="button" className="button secondary" onClick={() => remove(i)} aria-label={`Remove option ${i + 1}${o.name ? ` (${o.name})` : ''}`}>
            Remove
          </button>
        </div>
      ))}
      {err('options') && <p className="field-error">{err('options')}</p>}
      <button type="button" className="button secondary" onClick={add} disabled={form.options.length >= 10}>
        Add option
      </button>
    </fieldset>
  )
}
