import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useId, useState } from 'react'
import { Link } from 'react-router'
import { type Cart, type CartItem, lineProblem, MAX_LINE_QUANTITY, removeCartItem, updateCartItem } from '../../api/cart.ts'
import { CART_KEY } from '../../components/Layout.tsx'
import { FormError } from '../../components/ui.tsx'
import { formatMoney } from '../../format.ts'

interface Props {
  item: CartItem
  /** Shown after the name in labels when two lines share a product name. */
  showVariant: boolean
}

/** One cart line: the product, its price, a quantity to change and a way to remove it. */
export function CartLine({ item, showVariant }: Props) {
  const queryClient = useQueryClient()
  const inputId = useId()
  const [draft, setDraft] = useState(String(item.quantity))
  const [invalid, setInvalid] = useState<string>()
  const label = showVariant ? `${item.name} (${item.title})` : item.name
  const saved = (cart: Cart) => queryClient.setQueryData(CART_KEY, cart)
  const update = useMutation({ mutationFn: (quantity: number) => updateCartItem(item.variantId, quantity), onSuccess: saved })
  const remove = useMutation({ mutationFn: () => removeCartItem(item.variantId), onSuccess: saved })
  const busy = update.isPending || remove.isPending
  const problem = lineProblem(item)

  // The server's quantity wins whenever it changes (another tab, a merge, this line's own update).
  const [seen, setSeen] = useState(item.quantity)
  if (seen !== item.quantity) {
    setSeen(item.quantity)
    setDraft(String(item.quantity))
  }

  const commit = (e?: FormEvent) => {
    e?.preventDefault()
    const n = Number(draft)
    if (draft.trim() === '' || !Number.isInteger(n) || n < 0) return setInvalid('Enter a whole number (0 removes the item).')
    if (n > MAX_LINE_QUANTITY) return setInvalid(`At most ${MAX_LINE_QUANTITY}.`)
    setInvalid(undefined)
    if (n !== item.quantity && !busy) update.mutate(n)
  }

  return (
    <li className={`cart-line${problem ? ' has-problem' : ''}`}>
      <div className="cart-line-main">
        <h2 className="cart-line-name">
          <Link to={`/products/${item.slug}`}>{item.name}</Link>
        </h2>
        {item.title && item.title !== 'Default' && <p className="muted small">{item.title}</p>}
        <p className="small">
          <span className="muted">Price:</span> {formatMoney(item.unitPrice)} <span className="muted">each</span>
        </p>
      </div>
      <form className="cart-line-qty" onSubmit={commit} noValidate>
        <label htmlFor={inputId}>Quantity for {label}</label>
        <div className="qty-row">
          <input
            id={inputId}
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_LINE_QUANTITY}
            step={1}
            value={draft}
            aria-invalid={invalid ? true : undefined}
            onChange={(e) => {
              setDraft(e.target.value)
              setInvalid(undefined)
            }}
            onBlur={() => commit()}
          />
          <button type="submit" className="button secondary" disabled={busy}>
            {update.isPending ? 'Updating…' : 'Update'}
          </button>
        </div>
        {invalid && <small className="field-error">{invalid}</small>}
      </form>
      <div className="cart-line-total">
        <span className="muted small">Line total</span>
        <strong>{formatMoney(item.lineTotal)}</strong>
        <button type="button" className="link-button" disabled={busy} onClick={() => remove.mutate()} aria-label={`Remove ${label} from cart`}>
          {remove.isPending ? 'Removing…' : 'Remove'}
        </button>
      </div>
      {problem === 'unavailable' && (
        <p className="notice cart-line-note">This item is no longer available. Remove it to check out.</p>
      )}
      {problem === 'short' && (
        <p className="notice cart-line-note">
          Only {item.available} available — lower the quantity to {item.available} or fewer.
        </p>
      )}
      <div className="cart-line-note">
        <FormError error={update.error ?? remove.error} />
      </div>
    </li>
  )
}
