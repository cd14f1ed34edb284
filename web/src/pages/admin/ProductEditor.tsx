import { useMutation, useQuery } from '@tanstack/react-query'
import { type FormEvent, useRef, useState } from 'react'
import {
  categoriesKey,
  createProduct,
  flattenCategories,
  listCategories,
  PRODUCT_STATUSES,
  type ProductInput,
  updateProduct,
} from '../../api/admin-catalog.ts'
import type { Product } from '../../api/catalog.ts'
import { Field, fieldError, FormError, SelectField, TextAreaField } from '../../components/ui.tsx'
import { humanize } from '../../format.ts'
import { newKey } from './admin-utils.ts'
import { OptionsEditor } from './OptionsEditor.tsx'
import { emptyForm, formOf, type LocalErrors, type ProductForm, toInput } from './product-form.ts'
import { VariantsEditor } from './VariantsEditor.tsx'

interface Props {
  product?: Product
  onSaved: (p: Product) => void
  onEdit?: () => void
}

/** The product's fields, options and variants; creates (POST) or changes (PATCH) it. */
export function ProductEditor({ product, onSaved, onEdit }: Props) {
  const [form, setForm] = useState<ProductForm>(() => (product ? formOf(product) : emptyForm()))
  const [local, setLocal] = useState<LocalErrors>({})
  // One Idempotency-Key per attempt at creating: the same body again reuses it, a changed one gets a new one.
  const attempt = useRef<{ key: string; body: string } | undefined>(undefined)
  const currency = product?.variants[0]?.price.currency ?? 'USD'

  const save = useMutation({
    mutationFn: (input: ProductInput) => {
      if (product) return updateProduct(product.id, input)
      const body = JSON.stringify(input)
      if (attempt.current?.body !== body) attempt.current = { key: newKey(), body }
      return createProduct(input, attempt.current.key)
    },
    onSuccess: (p) => {
      attempt.current = undefined
      onSaved(p)
    },
  })

  const change = (patch: Partial<ProductForm>) => {
    setForm((f) => ({ ...f, ...patch }))
    onEdit?.()
  }
  const err = (path: string) => local[path] ?? fieldError(save.error, path)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const { input, errors } = toInput(form, currency, product)
    setLocal(errors)
    if (!input) return
    save.mutate(input)
  }

  const localCount = Object.keys(local).length
  const fieldPaths = ['name', 'slug', 'brand', 'description', 'categoryId', 'status', 'images', 'options', 'variants']
  return (
    <form className="stack product-form" onSubmit={submit} noValidate aria-label={product ? 'Edit product' : 'New product'}>
      <fieldset disabled={Boolean(product?.deletedAt)}>
        <legend>Details</legend>
        <div className="form-row">
          <Field label="Name" required value={form.name} maxLength={200} error={err('name')} onChange={(e) => change({ name: e.target.value })} />
          <Field
            label="Slug (optional)"
            value={form.slug}
            maxLength={120}
            hint="Lower-case words joined by hyphens; made from the name when empty."
            error={err('slug')}
            onChange={(e) => change({ slug: e.target.value })}
          />
        </div>
        <div className="form-row">
          <Field label="Brand" value={form.brand} maxLength={100} error={err('brand')} onChange={(e) => change({ brand: e.target.value })} />
          <CategorySelect value={form.categoryId} error={err('categoryId')} onChange={(categoryId) => change({ categoryId })} />
          <SelectField label="Status" value={form.status} error={err('status')} onChange={(e) => change({ status: e.target.value as ProductForm['status'] })}>
            {PRODUCT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </SelectField>
        </div>
        <TextAreaField label="Description" rows={5} value={form.description} error={err('description')} onChange={(e) => change({ description: e.target.value })} />
        <TextAreaField
          label="Images (one URL per line)"
          rows={3}
          value={form.images}
          placeholder="/images/demo/tea.svg"
          error={err('images')}
          onChange={(e) => change({ images: e.target.value })}
        />
      </fieldset>
      <OptionsEditor form={form} onChange={change} err={err} disabled={Boolean(product?.deletedAt)} />
      <VariantsEditor form={form} onChange={change} err={err} disabled={Boolean(product?.deletedAt)} isNew={!product} />
      {localCount > 0 && (
        <div className="form-error" role="alert">
          <p>
            {localCount === 1 ? 'One field needs' : `${localCount} fields need`} attention before saving.
          </p>
        </div>
      )}
      <FormError error={save.error} shownFields={fieldPaths} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending || Boolean(product?.deletedAt)}>
          {save.isPending ? 'Saving…' : product ? 'Save changes' : 'Create product'}
        </button>
      </div>
    </form>
  )
}

function CategorySelect({ value, error, onChange }: { value: string; error?: string; onChange: (id: string) => void }) {
  const query = useQuery({ queryKey: [...categoriesKey, { includeDeleted: false }], queryFn: ({ signal }) => listCategories(false, signal) })
  const rows = flattenCategories(query.data ?? [])
  const known = !value || rows.some((r) => r.node.id === value)
  return (
    <SelectField label="Category" value={value} error={error ?? (query.isError ? 'Categories could not be loaded' : undefined)} onChange={(e) => onChange(e.target.value)}>
      <option value="">No category</option>
      {!known && <option value={value}>{query.isPending ? 'Loading…' : 'Current category (deleted)'}</option>}
      {rows.map(({ node, depth }) => (
        <option key={node.id} value={node.id}>
          {`${'\u00a0\u00a0'.repeat(depth * 2)}${depth > 0 ? '└ ' : ''}${node.name}`}
        </option>
      ))}
    </SelectField>
  )
}
