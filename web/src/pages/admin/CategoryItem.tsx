import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link } from 'react-router'
import { categoriesKey, deleteCategory, restoreCategory, updateCategory } from '../../api/admin-catalog.ts'
import type { CategoryNode } from '../../api/catalog.ts'
import { Field, fieldError, FormError } from '../../components/ui.tsx'

/** One category in the tree, its actions, then its children. */
export function CategoryItem({ node }: { node: CategoryNode }) {
  const queryClient = useQueryClient()
  const [renaming, setRenaming] = useState(false)
  const [name, setName] = useState(node.name)
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: categoriesKey })
    void queryClient.invalidateQueries({ queryKey: ['catalog'] })
  }
  const rename = useMutation({
    mutationFn: () => updateCategory(node.id, { name: name.trim() }),
    onSuccess: () => {
      setRenaming(false)
      refresh()
    },
  })
  const remove = useMutation({ mutationFn: () => deleteCategory(node.id), onSuccess: refresh })
  const restore = useMutation({ mutationFn: () => restoreCategory(node.id), onSuccess: refresh })
  const deleted = Boolean(node.deletedAt)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    rename.mutate()
  }

  return (
    <li className={deleted ? 'is-deleted' : undefined}>
      <div className="category-row">
        {renaming ? (
          <form className="inline-form" onSubmit={submit}>
            <Field label={`New name for ${node.name}`} value={name} maxLength={100} autoFocus error={fieldError(rename.error, 'name')} onChange={(e) => setName(e.target.value)} />
            <button type="submit" className="button" disabled={rename.isPending || !name.trim()}>
              Save
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setRenaming(false)
                setName(node.name)
                rename.reset()
              }}
            >
              Cancel
            </button>
          </form>
        ) : (
          <span className="category-name">
            {deleted ? <span>{node.name}</span> : <Link to={`/products?category=${encodeURIComponent(node.slug)}`}>{node.name}</Link>}{' '}
            <span className="muted small">/{node.slug}</span> {deleted && <span className="badge badge-cancelled">deleted</span>}
          </span>
        )}
        {!renaming && (
          <span className="row-actions">
            {deleted ? (
              <button type="button" className="button secondary" disabled={restore.isPending} onClick={() => restore.mutate()}>
                Restore<span className="visually-hidden"> {node.name}</span>
              </button>
            ) : (
              <>
                <button type="button" className="button secondary" onClick={() => setRenaming(true)}>
                  Rename<span className="visually-hidden"> {node.name}</span>
                </button>
                <button type="button" className="button secondary" disabled={remove.isPending} onClick={() => remove.mutate()}>
                  Delete<span className="visually-hidden"> {node.name}</span>
                </button>
              </>
            )}
          </span>
        )}
      </div>
      <FormError error={rename.error} shownFields={['name']} />
      <FormError error={remove.error} />
      <FormError error={restore.error} />
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c) => (
            <CategoryItem key={c.id} node={c} />
          ))}
        </ul>
      )}
    </li>
  )
}
