import { api } from './client.ts'
import type { Page } from './types.ts'

/** Admin calls for stock: levels, adjustments, thresholds and the ledger. */

export interface StockLevel {
  sku: string
  onHand: number
  reserved: number
  available: number
  lowStockThreshold: number
  updatedAt: string
}

export interface Movement {
  at: string
  delta: number
  reservedDelta: number
  reason: string
  orderId?: string
  note?: string
  actorId?: string
}

export type AdjustmentReason = 'received' | 'correction' | 'damaged'
export const ADJUSTMENT_REASONS: AdjustmentReason[] = ['received', 'correction', 'damaged']

export interface AdjustmentInput {
  delta: number
  reason: AdjustmentReason
  note?: string
}

export const inventoryKey = ['admin', 'inventory'] as const
export const levelKey = (sku: string) => ['admin', 'inventory', 'level', sku] as const
export const movementsKey = (sku: string) => ['admin', 'inventory', 'movements', sku] as const

export function listLevels(p: { lowStock?: boolean; q?: string; page: number; pageSize?: number }, signal?: AbortSignal): Promise<Page<StockLevel>> {
  return api<Page<StockLevel>>('/api/inventory', {
    query: { lowStock: p.lowStock ? 'true' : undefined, q: p.q, page: p.page, pageSize: p.pageSize ?? 25 },
    signal,
  })
}

/** One sku's level: the admin list filtered by the sku as a prefix, then the exact match. */
export async function getLevel(sku: string, signal?: AbortSignal): Promise<StockLevel | null> {
  const page = await api<Page<StockLevel>>('/api/inventory', { query: { q: sku, pageSize: 100 }, signal })
  return page.items.find((l) => l.sku === sku) ?? null
}

export function adjustStock(sku: string, body: AdjustmentInput, idempotencyKey: string): Promise<StockLevel> {
  return api<StockLevel>(`/api/inventory/${encodeURIComponent(sku)}/adjustments`, { method: 'POST', body, idempotencyKey })
}

export function setThreshold(sku: string, lowStockThreshold: number): Promise<StockLevel> {
  return api<StockLevel>(`/api/inventory/${encodeURIComponent(sku)}`, { method: 'PATCH', body: { lowStockThreshold } })
}

export function listMovements(sku: string, page: number, signal?: AbortSignal): Promise<Page<Movement>> {
  return api<Page<Movement>>(`/api/inventory/${encodeURIComponent(sku)}/movements`, { query: { page, pageSize: 25 }, signal })
}
