import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link } from 'react-router'
import { addCartItem, type Cart, MAX_LINE_QUANTITY } from '../../api/cart.ts'
import type { Variant } from '../../api/catalog.ts'
import { CART_KEY } from '../../components/Layout.tsx'
import { Field, fieldError, FormError } from '../../components/ui.tsx'

/** Quantity and "Add to cart" for the chosen variant. Remount (key) when the variant changes. */
export function AddToCart({ variant, productName }: { variant: Variant | undefined; productName: string }) {
  const queryClient = useQueryClient()
  const [quantity, setQuantity] = useState('1')
  const [added, setAdded] = useState<{ quantity: number; cart: Cart }>()
  const [invalid, setInvalid] = useState<string>()
  const add = useMutation({
    mutationFn: (input: { variantId: string; quantity: number }) => addCartItem(input.variantId, input.quantity),
    onSuccess: (cart, input) => {
      queryClient.setQueryData(CART_KEY, cart)
      setAdded({ quantity: input.quantity, cart })
    },
  })

  const soldOut = !variant || variant.available <= 0
  const max = variant ? Math.max(1, Math.min(variant.available, MAX_LINE_QUANTITY)) : 1

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!variant || soldOut) return
    const n = Number(quantity)
    if (!Number.isInteger(n) || n < 1) return setInvalid('Enter a whole number of at least 1.')
    if (n > MAX_LINE_QUANTITY) return setInvalid(`At most ${MAX_LINE_QUANTITY} at a time.`)
    setInvalid(undefined)
    setAdded(undefined)
    add.mutate({ variantId: variant.id, quantity: n })
  }

  return (
    <form className="add-to-cart" onSubmit={submit} noValidate>
      <div className="add-row">
        <Field
          label="Quantity"
          type="number"
          inputMode="numeric"
          min={1}
          max={max}
          step={1}
          value={quantity}
          disabled={soldOut}
          onChange={(e) => {
            setQuantity(e.target.value)
            setInvalid(undefined)
          }}
          error={invalid ?? fieldError(add.error, 'quantity')}
          className="quantity-input"
        />
        <button type="submit" className="button add-button" disabled={soldOut || add.isPending}>
          {add.isPending ? 'Adding…' : 'Add to cart'}
        </button>
      </div>
      {soldOut && <p className="muted small">This option is out of stock right now.</p>}
      <FormError error={add.error} shownFields={['quantity']} />
      {added && !add.isPending && !add.error && (
        <p className="success" role="status">
          Added {added.quantity} × {productName} to your cart ({added.cart.itemCount} {added.cart.itemCount === 1 ? 'item' : 'items'} in total).{' '}
          <Link to="/cart">View cart</Link>
        </p>
      )}
    </form>
  )
}
