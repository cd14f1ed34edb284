import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { categoriesKey, createCategory, flattenCategories, listCategories } from '../../api/admin-catalog.ts'
import type { CategoryNode } from '../../api/catalog.ts'
import { Empty, ErrorState, Field, fieldError, FormError, Loading, SelectField } from '../../components/ui.tsx'
import { CategoryItem } from './CategoryItem.tsx'
import './admin.css'

/** /admin/categories: the category tree; add, rename, delete and restore. */
export function CategoriesPage() {
  const [showDeleted, setShowDeleted] = useState(false)
  const query = useQuery({
    queryKey: [...categoriesKey, { includeDeleted: showDeleted }],
    queryFn: ({ signal }) => listCategories(showDeleted, signal),
  })

  return (
    <div className="stack">
      <h1>Categories</h1>
      <NewCategory />
      <section aria-labelledby="cat-tree">
        <div className="admin-heading">
          <h2 id="cat-tree">Category tree</h2>
          <label className="choice">
            <input type="checkbox" checked={showDeleted} onChange={(e) => setShowDeleted(e.target.checked)} />
            Show deleted categories
          </label>
        </div>
        {query.isPending ? (
          <Loading label="Loading categories…" />
        ) : query.isError ? (
          <ErrorState error={query.error} retry={() => void query.refetch()} />
        ) : query.data.length === 0 ? (
          <Empty title="No categories yet">
            <p>Add the first one above.</p>
          </Empty>
        ) : (
          <ul className="category-tree card">
            {query.data.map((node) => (
              <CategoryItem key={node.id} node={node} />
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

function NewCategory() {
  const queryClient = useQueryClient()
  const [name, setName] = useState('')
  const [parentId, setParentId] = useState('')
  const active = useQuery({ queryKey: [...categoriesKey, { includeDeleted: false }], queryFn: ({ signal }) => listCategories(false, signal) })
  const create = useMutation({
    mutationFn: () => createCategory({ name: name.trim(), parentId: parentId || null }),
    onSuccess: () => {
      setName('')
      void queryClient.invalidateQueries({ queryKey: categoriesKey })
      void queryClient.invalidateQueries({ queryKey: ['catalog'] })
    },
  })
  const [localError, setLocalError] = useState<string>()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!name.trim()) return setLocalError('Give the category a name')
    setLocalError(undefined)
    create.mutate()
  }
  const rows = flattenCategories(active.data ?? [])
  return (
    <form className="card" onSubmit={submit} aria-labelledby="cat-new" noValidate>
      <h2 id="cat-new">Add a category</h2>
      <div className="form-row">
        <Field label="Category name" value={name} required maxLength={100} error={localError ?? fieldError(create.error, 'name')} onChange={(e) => setName(e.target.value)} />
        <SelectField label="Parent category" value={parentId} error={fieldError(create.error, 'parentId')} onChange={(e) => setParentId(e.target.value)}>
          <option value="">None (top level)</option>
          {rows.map(({ node, depth }) => (
            <option key={node.id} value={node.id}>
              {indent(node, depth)}
            </option>
          ))}
        </SelectField>
      </div>
      <FormError error={create.error} shownFields={['name', 'parentId']} />
      {create.isSuccess && !create.isPending && (
        <p className="success" role="status">
          Added “{create.data.name}”.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add category'}
        </button>
      </div>
    </form>
  )
}

export function indent(node: CategoryNode, depth: number): string {
  return `${'\u00a0\u00a0'.repeat(depth * 2)}${depth > 0 ? '└ ' : ''}${node.name}`
}
