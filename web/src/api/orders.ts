/** Checkout, orders, returns and shipments: their shapes (the admin screens use them too) and the customer's calls. */
import type { AddressInput, PostalAddress } from './account.ts'
import { api } from './client.ts'
import type { Money, Page } from './types.ts'

export type OrderStatus = 'pending' | 'confirmed' | 'shipped' | 'delivered' | 'returned' | 'cancelled'
export const ORDER_STATUSES: OrderStatus[] = ['pending', 'confirmed', 'shipped', 'delivered', 'returned', 'cancelled']

export type PaymentStatus = 'pending' | 'authorized' | 'captured' | 'voided' | 'refunded' | 'partially_refunded' | 'failed' | 'disputed'
export type ReturnStatus = 'requested' | 'approved' | 'refunded' | 'refund_failed'
export type CancellationReason = 'out_of_stock' | 'payment_declined' | 'timeout' | 'customer_cancelled'

export interface ShippingQuote {
  methodId: string
  name: string
  carrier: string
  price: Money
  estimatedDays: { min: number; max: number }
  zone: string
}

export interface OrderLine {
  variantId: string
  productId: string
  sku: string
  name: string
  unitPrice: Money
  quantity: number
  lineTotal: Money
}

export interface ReturnRequest {
  id: string
  orderId: string
  orderNumber?: string
  status: ReturnStatus
  items: Array<{ variantId: string; sku: string; name?: string; quantity: number; refund?: Money }>
  refund: Money
  reason: string
  createdAt: string
  approvedAt: string | null
  refundedAt: string | null
  restockedAt: string | null
}

export interface OrderSummary {
  id: string
  number: string
  status: OrderStatus
  cancellationReason: CancellationReason | string | null
  cancellationDetail: string | null
  customerId: string
  email: string
  items: OrderLine[]
  itemCount: number
  subtotal: Money
  shippingTotal: Money
  total: Money
  shippingMethod: { id: string; name: string; carrier: string; estimatedDays: { min: number; max: number } }
  payment: { status: PaymentStatus; brand: string | null; last4: string | null; refunded: Money }
  createdAt: string
  updatedAt: string
  confirmedAt: string | null
  shippedAt: string | null
  deliveredAt: string | null
  cancelledAt: string | null
}

/** One order in full (GET /api/orders/:id, which answers admins for any order). */
export interface Order extends OrderSummary {
  shippingAddress: PostalAddress
  /** Until when a return may be asked for; null unless delivered. */
  returnableUntil: string | null
  history: Array<{ status: OrderStatus; at: string }>
  returns: ReturnRequest[]
}

export type ShipmentStatus = 'pending' | 'in_transit' | 'delivered' | 'cancelled'

export interface Shipment {
  id: string
  orderId: string
  orderNumber: string
  carrier: string
  trackingNumber: string
  status: ShipmentStatus
  history: Array<{ status: ShipmentStatus; at: string }>
  createdAt: string
  updatedAt: string
}

export interface CardInput {
  method: 'card'
  cardNumber: string
  expMonth: number
  expYear: number
  cvc: string
}

export type PlaceOrderInput = ({ shippingAddressId: string } | { shippingAddress: AddressInput }) & {
  shippingMethodId: string
  payment: CardInput
}

export const orderKey = (id: string) => ['orders', id] as const
export const ORDER_LIST_KEY = ['orders', 'list'] as const

export const quoteShipping = (address: { country: string; postalCode: string }, items: Array<{ variantId: string; quantity: number }>) =>
  api<ShippingQuote[]>('/api/shipping/quote', { method: 'POST', body: { address, items } })

export const placeOrder = (body: PlaceOrderInput, idempotencyKey: string) =>
  api<Order>('/api/orders', { method: 'POST', body, idempotencyKey })

/** Admins may read any order through it too. */
export const getOrder = (id: string, signal?: AbortSignal) => api<Order>(`/api/orders/${encodeURIComponent(id)}`, { signal })

export const listOrders = (query: { status?: string; year?: number; page: number; pageSize: number }) =>
  api<Page<OrderSummary>>('/api/orders', { query })

export const cancelOrder = (id: string) => api<Order>(`/api/orders/${encodeURIComponent(id)}/cancel`, { method: 'POST' })

export const requestReturn = (id: string, body: { items: Array<{ variantId: string; quantity: number }>; reason: string }, idempotencyKey: string) =>
  api<ReturnRequest>(`/api/orders/${encodeURIComponent(id)}/returns`, { method: 'POST', body, idempotencyKey })

export const listShipments = (orderId: string) => api<Page<Shipment>>('/api/shipments', { query: { orderId } })
