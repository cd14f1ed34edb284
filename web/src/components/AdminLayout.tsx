import { Suspense } from 'react'
import { NavLink, Outlet } from 'react-router'
import { RequireAdmin } from './guards.tsx'
import { Loading } from './ui.tsx'

const SECTIONS: Array<[string, string]> = [
  ['/admin', 'Dashboard'],
  ['/admin/products', 'Products'],
  ['/admin/categories', 'Categories'],
  ['/admin/inventory', 'Inventory'],
  ['/admin/orders', 'Orders'],
  ['/admin/users', 'Users'],
  ['/admin/notifications', 'Notifications'],
  ['/admin/dead-letters', 'Dead letters'],
]

/** The admin's frame inside the storefront's: a section list, then the section. */
export function AdminLayout() {
  return (
    <RequireAdmin>
      <div className="admin">
        <nav className="admin-nav" aria-label="Admin sections">
          {SECTIONS.map(([to, label]) => (
            <NavLink key={to} to={to} end={to === '/admin'}>
              {label}
            </NavLink>
          ))}
        </nav>
        <div className="admin-main">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </div>
      </div>
    </RequireAdmin>
  )
}
