import { useQuery } from '@tanstack/react-query'
import { type FormEvent, Suspense, useEffect, useState } from 'react'
import { Link, NavLink, Outlet, useLocation, useNavigate, useSearchParams } from 'react-router'
import { getCart } from '../api/cart.ts'
import { session } from '../api/session.ts'
import { useAuth } from '../auth.tsx'
import { Loading } from './ui.tsx'

export const CART_KEY = ['cart'] as const

/** The storefront's frame: header with search, cart and account; the page; a footer. */
export function Layout() {
  const { user, signOut } = useAuth()
  const navigate = useNavigate()
  const location = useLocation()
  const [menuOpen, setMenuOpen] = useState(false)
  const cart = useQuery({
    queryKey: CART_KEY,
    queryFn: () => getCart(),
    enabled: Boolean(user) || Boolean(session.guestCartId()),
  })
  useEffect(() => setMenuOpen(false), [location.pathname])
  const count = cart.data?.itemCount ?? 0

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="header-row">
          <Link to="/" className="brand" aria-label="Emporium home">
            Emporium
          </Link>
          <SearchBox />
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="site-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            Menu
          </button>
          <nav id="site-nav" className={`site-nav${menuOpen ? ' open' : ''}`} aria-label="Main">
            <NavLink to="/products">Shop</NavLink>
            {user ? (
              <>
                <NavLink to="/account/orders">Orders</NavLink>
                <NavLink to="/account" end>
                  Account
                </NavLink>
                <NavLink to="/account/notifications">Inbox</NavLink>
                {user.role === 'admin' && <NavLink to="/admin">Admin</NavLink>}
                <button
                  type="button"
                  className="link-button"
                  onClick={async () => {
                    await signOut()
                    navigate('/')
                  }}
                >
                  Sign out
                </button>
              </>
            ) : (
              <>
                <NavLink to="/signin">Sign in</NavLink>
                <NavLink to="/register">Create account</NavLink>
              </>
            )}
            <NavLink to="/cart" className="cart-link" aria-label={`Cart, ${count} ${count === 1 ? 'item' : 'items'}`}>
              Cart <span className="cart-count">{count}</span>
            </NavLink>
          </nav>
        </div>
      </header>
      <main id="main" className="site-main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>Emporium — prices in USD, taxes included. Times shown in UTC.</p>
      </footer>
    </div>
  )
}

function SearchBox() {
  const [params] = useSearchParams()
  const location = useLocation()
  const navigate = useNavigate()
  const current = location.pathname === '/products' ? (params.get('q') ?? '') : ''
  const [q, setQ] = useState(current)
  useEffect(() => setQ(current), [current])
  const submit = (e: FormEvent) => {
    e.preventDefault()
    navigate(q.trim() ? `/products?q=${encodeURIComponent(q.trim())}` : '/products')
  }
  return (
    <form role="search" className="search-box" onSubmit={submit}>
      <label htmlFor="site-search" className="visually-hidden">
        Search products
      </label>
      <input id="site-search" type="search" placeholder="Search products" value={q} onChange={(e) => setQ(e.target.value)} />
      <button type="submit" className="button">
        Search
      </button>
    </form>
  )
}
