import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { Link } from 'react-router'
import { type Cart, getCart, lineProblem } from '../../api/cart.ts'
import { useAuth } from '../../auth.tsx'
import { CART_KEY } from '../../components/Layout.tsx'
import { Empty, ErrorState, Loading } from '../../components/ui.tsx'
import { formatMoney } from '../../format.ts'
import { CartLine } from './CartLine.tsx'
import './store.css'

/** /cart: the lines with their quantities, warnings about stock, the subtotal and the way to checkout. */
export function CartPage() {
  const cart = useQuery({ queryKey: CART_KEY, queryFn: ({ signal }) => getCart(signal), staleTime: 0 })

  useEffect(() => {
    document.title = 'Your cart — Emporium'
  }, [])

  return (
    <div className="cart-page">
      <h1>Your cart</h1>
      {cart.isPending ? (
        <Loading label="Loading your cart…" />
      ) : cart.isError ? (
        <ErrorState error={cart.error} retry={() => void cart.refetch()} title="Your cart could not be loaded" />
      ) : cart.data.items.length === 0 ? (
        <Empty title="Your cart is empty">
          <p>Find something you like and add it here.</p>
          <p>
            <Link to="/products" className="button">
              Start shopping
            </Link>
          </p>
        </Empty>
      ) : (
        <CartContents cart={cart.data} />
      )}
    </div>
  )
}

function CartContents({ cart }: { cart: Cart }) {
  const { user } = useAuth()
  const names = cart.items.map((i) => i.name)
  const problems = cart.items.filter((i) => lineProblem(i)).length
  return (
    <div className="cart-layout">
      <ul className="cart-lines" aria-label="Items in your cart">
        {cart.items.map((item) => (
          <CartLine key={item.variantId} item={item} showVariant={names.filter((n) => n === item.name).length > 1} />
        ))}
      </ul>
      <aside className="cart-summary card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">Order summary</h2>
        <dl className="summary-list">
          <div>
            <dt>Items</dt>
            <dd>{cart.itemCount}</dd>
          </div>
          <div>
            <dt>Subtotal</dt>
            <dd className="price">{formatMoney(cart.subtotal)}</dd>
          </div>
        </dl>
        <p className="muted small">Shipping is chosen at checkout. Prices include taxes.</p>
        {problems > 0 && (
          <p className="notice" role="status">
            {problems === 1 ? 'One item needs' : `${problems} items need`} your attention before you check out.
          </p>
        )}
        <Link to="/checkout" className="button checkout-button">
          Checkout
        </Link>
        {!user && <p className="muted small">You’ll sign in or create an account next.</p>}
        <p>
          <Link to="/products">Continue shopping</Link>
        </p>
      </aside>
    </div>
  )
}
