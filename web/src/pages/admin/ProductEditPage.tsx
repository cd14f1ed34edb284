import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import { deleteProduct, getProduct, productsKey, restoreProduct } from '../../api/admin-catalog.ts'
import type { Product } from '../../api/catalog.ts'
import { ApiError } from '../../api/problem.ts'
import { ErrorState, FormError, Loading, StatusBadge } from '../../components/ui.tsx'
import { formatDateTime } from '../../format.ts'
import { ProductEditor } from './ProductEditor.tsx'
import './admin.css'

const productKey = (id: string) => ['admin', 'product', id] as const

const SAVED_MESSAGES: Record<string, string> = {
  created: 'Product created.',
  saved: 'Changes saved.',
  deleted: 'Product deleted.',
  restored: 'Product restored.',
}

/** /admin/products/new and /admin/products/:id: the product form, with delete and restore. */
export function ProductEditPage() {
  const { id } = useParams()
  if (!id || id === 'new') return <NewProduct />
  return <ExistingProduct id={id} />
}

function NewProduct() {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  return (
    <div className="stack">
      <p>
        <Link to="/admin/products">← Products</Link>
      </p>
      <h1>New product</h1>
      <ProductEditor
        onSaved={(p) => {
          queryClient.setQueryData(productKey(p.id), p)
          void queryClient.invalidateQueries({ queryKey: productsKey })
          void queryClient.invalidateQueries({ queryKey: ['catalog'] })
          void navigate(`/admin/products/${p.id}`, { replace: true, state: { saved: 'created' } })
        }}
      />
    </div>
  )
}

function ExistingProduct({ id }: { id: string }) {
  const queryClient = useQueryClient()
  const location = useLocation()
  const [saved, setSaved] = useState<string | undefined>((location.state as { saved?: string } | null)?.saved)
  const query = useQuery({ queryKey: productKey(id), queryFn: ({ signal }) => getProduct(id, signal) })

  const refresh = (p: Product | undefined) => {
    if (p) queryClient.setQueryData(productKey(id), p)
    else void queryClient.invalidateQueries({ queryKey: productKey(id) })
    void queryClient.invalidateQueries({ queryKey: productsKey })
    void queryClient.invalidateQueries({ queryKey: ['catalog'] })
  }

  if (query.isPending) return <Loading label="Loading the product…" />
  if (query.isError) {
    if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400))
      return (
        <div className="stack">
          <h1>Product not found</h1>
          <p>
            There is no product with this id. <Link to="/admin/products">Back to products</Link>
          </p>
        </div>
      )
    return <ErrorState error={query.error} retry={() => void query.refetch()} />
  }
  const product = query.data

  return (
    <div className="stack">
      <p>
        <Link to="/admin/products">← Products</Link>
      </p>
      <div className="admin-heading">
        <h1>{product.name}</h1>
        <StatusBadge status={product.status} />
        {product.deletedAt && <span className="badge badge-cancelled">deleted</span>}
      </div>
      <p className="muted">
        Updated {formatDateTime(product.updatedAt)}
        {product.status === 'active' && !product.deletedAt && (
          <>
            {' · '}
            <Link to={`/products/${product.slug}`}>View in the shop</Link>
          </>
        )}
      </p>
      {saved && (
        <p className="success" role="status">
          {SAVED_MESSAGES[saved] ?? 'Changes saved.'}
        </p>
      )}
      <DeleteOrRestore
        product={product}
        onDone={(p, what) => {
          refresh(p)
          setSaved(what)
        }}
      />
      <ProductEditor
        key={product.updatedAt}
        product={product}
        onSaved={(p) => {
          refresh(p)
          setSaved('saved')
        }}
        onEdit={() => setSaved(undefined)}
      />
    </div>
  )
}

function DeleteOrRestore({ product, onDone }: { product: Product; onDone: (p: Product | undefined, what: string) => void }) {
  const [confirming, setConfirming] = useState(false)
  const remove = useMutation({
    mutationFn: () => deleteProduct(product.id),
    onSuccess: () => {
      setConfirming(false)
      onDone(undefined, 'deleted')
    },
  })
  const restore = useMutation({ mutationFn: () => restoreProduct(product.id), onSuccess: (p) => onDone(p, 'restored') })

  if (product.deletedAt)
    return (
      <div className="notice">
        <p>This product was deleted {formatDateTime(product.deletedAt)}; customers cannot see it and it cannot be changed until it is restored.</p>
        <div className="form-actions">
          <button type="button" className="button" disabled={restore.isPending} onClick={() => restore.mutate()}>
            {restore.isPending ? 'Restoring…' : 'Restore product'}
          </button>
        </div>
        <FormError error={restore.error} />
      </div>
    )
  return (
    <div className="danger-zone">
      {confirming ? (
        <div className="form-actions" role="group" aria-label="Confirm deletion">
          <span>Delete “{product.name}”? Customers will no longer see it.</span>
          <button type="button" className="button danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
            {remove.isPending ? 'Deleting…' : 'Yes, delete'}
          </button>
          <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <button type="button" className="button secondary" onClick={() => setConfirming(true)}>
          Delete product
        </button>
      )}
      <FormError error={remove.error} />
    </div>
  )
}
