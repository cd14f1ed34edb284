import { api } from './client.ts'
import type { Shipment, ShipmentStatus } from './orders.ts'
import type { Money, Page } from './types.ts'

/** Admin calls for what happens after an order: shipments, payments and refunds. */

export const shipmentsKey = (orderId: string) => ['admin', 'shipments', orderId] as const

export function listShipments(orderId: string, signal?: AbortSignal): Promise<Page<Shipment>> {
  return api<Page<Shipment>>('/api/shipments', { query: { orderId, pageSize: 100 }, signal })
}

export function createShipment(orderId: string): Promise<Shipment> {
  return api<Shipment>('/api/shipments', { method: 'POST', body: { orderId } })
}

export function changeShipment(id: string, status: Exclude<ShipmentStatus, 'pending'>): Promise<Shipment> {
  return api<Shipment>(`/api/shipments/${encodeURIComponent(id)}`, { method: 'PATCH', body: { status } })
}

export interface PaymentEvent {
  type: string
  at: string
  data?: Record<string, unknown>
}

export interface Refund {
  id: string
  paymentId: string
  amount: Money | null
  status: 'pending' | 'succeeded' | 'failed'
  source: 'command' | 'admin' | 'void'
  reason: string | null
  failureReason: string | null
  failureMessage: string | null
  createdAt: string
}

export interface Payment {
  id: string
  orderId: string
  status: string
  amount: Money
  captured: Money
  refunded: Money
  provider: string
  method: { brand: string; last4: string } | null
  disputed: boolean
  failure: { reason: string; message: string } | null
  events: PaymentEvent[]
  refunds: Refund[]
  createdAt: string
  updatedAt: string
}

export const paymentsKey = (orderId: string) => ['admin', 'payments', orderId] as const

/** The order's payments; each already carries its events and refunds (as GET /api/payments/:id does). */
export function listPayments(orderId: string, signal?: AbortSignal): Promise<Page<Payment>> {
  return api<Page<Payment>>('/api/payments', { query: { orderId, pageSize: 100 }, signal })
}

export function refundPayment(id: string, body: { amount?: Money; reason?: string }, idempotencyKey: string): Promise<Refund> {
  return api<Refund>(`/api/payments/${encodeURIComponent(id)}/refunds`, { method: 'POST', body, idempotencyKey })
}
