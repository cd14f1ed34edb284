import { lazy, type ReactNode } from 'react'
import type { RouteObject } from 'react-router'
import { AdminLayout } from './components/AdminLayout.tsx'
import { RequireAuth } from './components/guards.tsx'
import { Layout } from './components/Layout.tsx'
import { NotFound } from './pages/NotFound.tsx'
import { CartPage } from './pages/store/CartPage.tsx'
import { CatalogPage } from './pages/store/CatalogPage.tsx'
import { HomePage } from './pages/store/HomePage.tsx'
import { ProductPage } from './pages/store/ProductPage.tsx'
import { ForgotPasswordPage } from './pages/account/ForgotPasswordPage.tsx'
import { RegisterPage } from './pages/account/RegisterPage.tsx'
import { ResetPasswordPage } from './pages/account/ResetPasswordPage.tsx'
import { SignInPage } from './pages/account/SignInPage.tsx'

// Signed-in and admin screens load on first visit, so a shopper's first page stays small.
const CheckoutPage = lazy(() => import('./pages/account/CheckoutPage.tsx').then((m) => ({ default: m.CheckoutPage })))
const OrderPage = lazy(() => import('./pages/account/OrderPage.tsx').then((m) => ({ default: m.OrderPage })))
const OrdersPage = lazy(() => import('./pages/account/OrdersPage.tsx').then((m) => ({ default: m.OrdersPage })))
const ProfilePage = lazy(() => import('./pages/account/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })))
const AddressesPage = lazy(() => import('./pages/account/AddressesPage.tsx').then((m) => ({ default: m.AddressesPage })))
const SecurityPage = lazy(() => import('./pages/account/SecurityPage.tsx').then((m) => ({ default: m.SecurityPage })))
const InboxPage = lazy(() => import('./pages/account/InboxPage.tsx').then((m) => ({ default: m.InboxPage })))

const DashboardPage = lazy(() => import('./pages/admin/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })))
const AdminProductsPage = lazy(() => import('./pages/admin/ProductsPage.tsx').then((m) => ({ default: m.ProductsPage })))
const AdminProductEditPage = lazy(() => import('./pages/admin/ProductEditPage.tsx').then((m) => ({ default: m.ProductEditPage })))
const AdminCategoriesPage = lazy(() => import('./pages/admin/CategoriesPage.tsx').then((m) => ({ default: m.CategoriesPage })))
const AdminInventoryPage = lazy(() => import('./pages/admin/InventoryPage.tsx').then((m) => ({ default: m.InventoryPage })))
const AdminStockPage = lazy(() => import('./pages/admin/StockPage.tsx').then((m) => ({ default: m.StockPage })))
const AdminOrdersPage = lazy(() => import('./pages/admin/OrdersPage.tsx').then((m) => ({ default: m.OrdersPage })))
const AdminOrderPage = lazy(() => import('./pages/admin/OrderPage.tsx').then((m) => ({ default: m.OrderPage })))
const AdminUsersPage = lazy(() => import('./pages/admin/UsersPage.tsx').then((m) => ({ default: m.UsersPage })))
const AdminNotificationsPage = lazy(() => import('./pages/admin/NotificationsPage.tsx').then((m) => ({ default: m.NotificationsPage })))
const AdminDeadLettersPage = lazy(() => import('./pages/admin/DeadLettersPage.tsx').then((m) => ({ default: m.DeadLettersPage })))

const signedIn = (page: ReactNode) => <RequireAuth>{page}</RequireAuth>

/** Every screen and its address. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'products', element: <CatalogPage /> },
      { path: 'products/:slug', element: <ProductPage /> },
      { path: 'cart', element: <CartPage /> },
      { path: 'signin', element: <SignInPage /> },
      { path: 'register', element: <RegisterPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'checkout', element: signedIn(<CheckoutPage />) },
      { path: 'orders/:id', element: signedIn(<OrderPage />) },
      { path: 'account/orders', element: signedIn(<OrdersPage />) },
      { path: 'account', element: signedIn(<ProfilePage />) },
      { path: 'account/addresses', element: signedIn(<AddressesPage />) },
      { path: 'account/security', element: signedIn(<SecurityPage />) },
      { path: 'account/notifications', element: signedIn(<InboxPage />) },
      {
        path: 'admin',
        element: <AdminLayout />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'products', element: <AdminProductsPage /> },
          { path: 'products/new', element: <AdminProductEditPage /> },
          { path: 'products/:id', element: <AdminProductEditPage /> },
          { path: 'categories', element: <AdminCategoriesPage /> },
          { path: 'inventory', element: <AdminInventoryPage /> },
          { path: 'inventory/:sku', element: <AdminStockPage /> },
          { path: 'orders', element: <AdminOrdersPage /> },
          { path: 'orders/:id', element: <AdminOrderPage /> },
          { path: 'users', element: <AdminUsersPage /> },
          { path: 'notifications', element: <AdminNotificationsPage /> },
          { path: 'dead-letters', element: <AdminDeadLettersPage /> },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]
