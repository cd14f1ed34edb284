import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useRef, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { getCart } from '../../api/cart.ts'
import { ADDRESSES_KEY, type AddressInput, createAddress, listAddresses } from '../../api/account.ts'
import { ORDER_LIST_KEY, orderKey, type PlaceOrderInput, placeOrder } from '../../api/orders.ts'
import { CART_KEY } from '../../components/Layout.tsx'
import { Empty, ErrorState, fieldError, FormError, Loading } from '../../components/ui.tsx'
import { ADDRESS_FIELDS, type AddressDraft, EMPTY_ADDRESS, inputOf } from './AddressFields.tsx'
import { CardFields, type CardDraft, EMPTY_CARD, cardInputOf } from './CardFields.tsx'
import { CheckoutAddress, NEW_ADDRESS } from './CheckoutAddress.tsx'
import { CheckoutSummary } from './CheckoutSummary.tsx'
import { ShippingMethods } from './ShippingMethods.tsx'
import { useAttemptKey, useDebounced, useShippingQuotes } from './checkout-hooks.ts'
import './account.css'

const SHOWN = [
  'shippingAddressId',
  'shippingMethodId',
  ...ADDRESS_FIELDS.map((f) => `shippingAddress.${f}`),
  ...ADDRESS_FIELDS,
  ...['cardNumber', 'expMonth', 'expYear', 'cvc'].map((f) => `payment.${f}`),
]

/** Address, shipping method and card, then one "Place order"; the order page follows the saga from there. */
export function CheckoutPage() {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const cart = useQuery({ queryKey: CART_KEY, queryFn: () => getCart() })
  const addresses = useQuery({ queryKey: ADDRESSES_KEY, queryFn: listAddresses })

  const [picked, setPicked] = useState<string | undefined>(undefined)
  const [draft, setDraft] = useState<AddressDraft>(EMPTY_ADDRESS)
  const [saveAddress, setSaveAddress] = useState(false)
  const [methodId, setMethodId] = useState<string | undefined>(undefined)
  const [card, setCard] = useState<CardDraft>(EMPTY_CARD)
  const saved = useRef<{ fingerprint: string; id: string } | null>(null)
  const attempt = useAttemptKey()

  const list = addresses.data ?? []
  // The default address is chosen until the person picks; with none saved, a new one.
  const choice = picked && (picked === NEW_ADDRESS || list.some((a) => a.id === picked)) ? picked : (list.find((a) => a.isDefault) ?? list[0])?.id ?? NEW_ADDRESS
  const chosen = list.find((a) => a.id === choice)
  const postal = useDebounced(draft.postalCode, 400)
  const quotes = useShippingQuotes(cart.data, chosen?.country ?? draft.country, chosen?.postalCode ?? postal)
  const offered = quotes?.data ?? []
  const cheapest = [...offered].sort((a, b) => a.price.amount - b.price.amount)[0]
  const method = offered.find((q) => q.methodId === methodId) ?? cheapest

  const place = useMutation({
    mutationFn: async () => {
      if (!method) throw new Error('Choose a shipping method.')
      let address: { shippingAddressId: string } | { shippingAddress: AddressInput }
      if (chosen) address = { shippingAddressId: chosen.id }
      else if (saveAddress) {
        // Saved once per address typed, so a retry does not save it twice.
        const fingerprint = JSON.stringify(inputOf(draft))
        if (saved.current?.fingerprint !== fingerprint) saved.current = { fingerprint, id: (await createAddress(inputOf(draft))).id }
        address = { shippingAddressId: saved.current.id }
      } else address = { shippingAddress: inputOf(draft) }
      const body: PlaceOrderInput = { ...address, shippingMethodId: method.methodId, payment: cardInputOf(card) }
      return placeOrder(body, attempt.keyFor(JSON.stringify(body)))
    },
    onSettled: (_data, error) => attempt.settled(error ?? undefined),
    onSuccess: (order) => {
      queryClient.setQueryData(orderKey(order.id), order)
      void queryClient.invalidateQueries({ queryKey: ORDER_LIST_KEY })
      if (saved.current) void queryClient.invalidateQueries({ queryKey: ADDRESSES_KEY })
      navigate(`/orders/${order.id}`)
    },
  })

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!place.isPending) place.mutate()
  }

  if (cart.isPending || addresses.isPending || cart.isError || addresses.isError) {
    return (
      <div className="acct checkout">
        <h1>Checkout</h1>
        {cart.isError ? (
          <ErrorState error={cart.error} retry={() => cart.refetch()} />
        ) : addresses.isError ? (
          <ErrorState error={addresses.error} retry={() => addresses.refetch()} />
        ) : (
          <Loading label="Preparing checkout…" />
        )}
      </div>
    )
  }

  const sellable = cart.data.items.filter((l) => l.sellable)
  const unsellable = cart.data.items.filter((l) => !l.sellable)
  if (sellable.length === 0) {
    return (
      <div className="acct checkout">
        <h1>Checkout</h1>
        <Empty title="Your cart is empty">
          <p>
            <Link to="/products">Continue shopping</Link>
          </p>
        </Empty>
      </div>
    )
  }

  return (
    <div className="acct checkout">
      <h1>Checkout</h1>
      {unsellable.length > 0 && (
        <p className="notice">
          {unsellable.map((l) => l.name).join(', ')} {unsellable.length === 1 ? 'is' : 'are'} no longer sold. <Link to="/cart">Remove it from your cart</Link>{' '}
          before placing the order.
        </p>
      )}
      <form className="split" onSubmit={submit}>
        <div className="stack">
          <CheckoutAddress
            addresses={list}
            choice={choice}
            onChoice={setPicked}
            draft={draft}
            onDraft={setDraft}
            save={saveAddress}
            onSave={setSaveAddress}
            error={place.error}
          />
          <ShippingMethods quotes={quotes} selected={method?.methodId} onSelect={setMethodId} error={fieldError(place.error, 'shippingMethodId')} />
          <CardFields value={card} onChange={setCard} error={place.error} />
        </div>
        <div className="stack checkout-side">
          <CheckoutSummary cart={cart.data} method={method} />
          <FormError error={place.error} shownFields={SHOWN} />
          <button type="submit" className="button place-order" disabled={place.isPending || !method}>
            {place.isPending ? 'Placing your order…' : 'Place order'}
          </button>
          {!method && <p className="muted">Choose an address the shop ships to, then a shipping method.</p>}
        </div>
      </form>
    </div>
  )
}
