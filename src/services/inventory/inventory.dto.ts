import { z } from 'zod'
import { availableOf, MAX_QUANTITY } from './inventory.rules.ts'
import type { LevelRow, MovementRow } from './inventory.tables.ts'

export const Sku = z.string().min(1).max(200)
export const SkuParams = z.object({ sku: Sku })

/** What anyone may know about a sku. */
export const AvailabilityDto = z.object({ sku: z.string(), available: z.number().int() })
export type AvailabilityDto = z.infer<typeof AvailabilityDto>

/** A stock level as admins see it. */
export const LevelDto = z.object({
  sku: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  lowStockThreshold: z.number().int(),
  updatedAt: z.iso.datetime(),
})
export type LevelDto = z.infer<typeof LevelDto>

export function toLevelDto(level: LevelRow): LevelDto {
  return {
    sku: level.sku,
    onHand: level.onHand,
    reserved: level.reserved,
    available: availableOf(level),
    lowStockThreshold: level.lowStockThreshold,
    updatedAt: level.updatedAt.toISOString(),
  }
}

export const LevelQuery = z.object({
  lowStock: z.enum(['true', 'false']).optional().describe('true: only skus whose available stock is at or below their threshold'),
  q: z.string().max(200).optional().describe('Sku prefix'),
})

export const ADJUSTMENT_REASONS = ['received', 'correction', 'damaged'] as const
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number]

export const AdjustmentBody = z.object({
  delta: z
    .number()
    .int()
    .min(-MAX_QUANTITY)
    .max(MAX_QUANTITY)
    .refine((d) => d !== 0, 'Must not be zero')
    .describe('Change of on hand: positive for stock received, negative for stock taken out'),
  reason: z.enum(ADJUSTMENT_REASONS),
  note: z.string().trim().max(500).optional(),
})
export type AdjustmentBody = z.infer<typeof AdjustmentBody>

export const ThresholdBody = z.object({ lowStockThreshold: z.number().int().min(0).max(MAX_QUANTITY) })

export const MovementDto = z.object({
  at: z.iso.datetime(),
  delta: z.number().int(),
  reservedDelta: z.number().int(),
  reason: z.string(),
  orderId: z.uuid().optional(),
  note: z.string().optional(),
  actorId: z.uuid().optional().describe('The admin who made a manual adjustment'),
})
export type MovementDto = z.infer<typeof MovementDto>

export function toMovementDto(m: MovementRow): MovementDto {
  return {
    at: m.createdAt.toISOString(),
    delta: m.delta,
    reservedDelta: m.reservedDelta,
    reason: m.reason,
    ...(m.orderId ? { orderId: m.orderId } : {}),
    ...(m.note ? { note: m.note } : {}),
    ...(m.actorId ? { actorId: m.actorId } : {}),
  }
}
