import { z } from 'zod'
import { Money } from '../../contracts/money.ts'
import { PageQuery } from '../../platform/pagination.ts'
import { RETURN_STATUSES } from './order.rules.ts'
import type { OrderLineRow } from './order.tables.ts'
import type { ReturnWithLines } from './returns.repo.ts'

export const ReturnBody = z.object({
  items: z
    .array(z.object({ variantId: z.uuid(), quantity: z.number().int().min(1).max(1_000_000) }))
    .min(1)
    .max(100),
  reason: z.string().trim().min(1).max(1000),
})
export type ReturnBody = z.infer<typeof ReturnBody>

export const ReturnDto = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  orderNumber: z.string().optional(),
  status: z.enum(RETURN_STATUSES),
  items: z.array(z.object({ variantId: z.uuid(), sku: z.string(), name: z.string().optional(), quantity: z.number().int(), refund: Money.optional() })),
  refund: Money,
  reason: z.string(),
  createdAt: z.iso.datetime(),
  approvedAt: z.iso.datetime().nullable(),
  refundedAt: z.iso.datetime().nullable(),
  restockedAt: z.iso.datetime().nullable(),
})
export type ReturnDto = z.infer<typeof ReturnDto>

export const ReturnListQuery = PageQuery.extend({ status: z.enum(RETURN_STATUSES).optional(), orderId: z.uuid().optional() })
export type ReturnListQuery = z.infer<typeof ReturnListQuery>

const iso = (d: Date | null) => (d ? d.toISOString() : null)

/** A return as its customer and admins see it; with the order's lines, each item names what it was and what it refunds. */
export function toReturnDto(r: ReturnWithLines, order?: { number: string; currency: string }, lines?: readonly OrderLineRow[]): ReturnDto {
  const byVariant = new Map((lines ?? []).map((l) => [l.variantId, l]))
  return {
    id: r.id,
    orderId: r.orderId,
    ...(order ? { orderNumber: order.number } : {}),
    status: r.status,
    items: r.lines.map((l) => {
      const sold = byVariant.get(l.variantId)
      return {
        variantId: l.variantId,
        sku: l.sku,
        quantity: l.quantity,
        ...(sold ? { name: sold.name, refund: { amount: Number(sold.unitPriceMinor) * l.quantity, currency: r.currency } } : {}),
      }
    }),
    refund: { amount: Number(r.refundMinor), currency: r.currency },
    reason: r.reason,
    createdAt: r.createdAt.toISOString(),
    approvedAt: iso(r.approvedAt),
    refundedAt: iso(r.refundedAt),
    restockedAt: iso(r.restockedAt),
  }
}
