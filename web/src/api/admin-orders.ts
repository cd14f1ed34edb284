import { api } from './client.ts'
import type { OrderSummary, ReturnRequest } from './orders.ts'
import type { Money, Page } from './types.ts'

/** Admin calls for orders: the dashboard, the order list and approving returns (shapes, and reading one order, in orders.ts). */

export interface OrderListParams {
  status?: string
  q?: string
  from?: string
  to?: string
  page: number
}

export function listOrders(p: OrderListParams, signal?: AbortSignal): Promise<Page<OrderSummary>> {
  return api<Page<OrderSummary>>('/api/admin/orders', { query: { ...p, pageSize: 20 }, signal })
}

export function approveReturn(id: string): Promise<ReturnRequest> {
  return api<ReturnRequest>(`/api/admin/returns/${encodeURIComponent(id)}/approve`, { method: 'POST' })
}

export const orderKey = (id: string) => ['admin', 'order', id] as const
export const ordersKey = ['admin', 'orders'] as const

// --- dashboard ---

export interface Dashboard {
  from: string
  to: string
  revenue: Money
  orderCount: number
  averageOrderValue: Money
  topProducts: Array<{ productId: string; name: string; quantity: number; revenue: Money }>
  /** Skus at or under their threshold, as inventory reports them (loosely typed by the API). */
  lowStock: Array<Record<string, unknown>>
  recentOrders: OrderSummary[]
  series: Array<{ date: string; orders: number; revenue: Money }>
  warnings: string[]
}

export function getDashboard(range: { from: string; to: string }, signal?: AbortSignal): Promise<Dashboard> {
  return api<Dashboard>('/api/admin/dashboard', { query: range, signal })
}
