import { z } from 'zod'
import { Money } from '../../contracts/money.ts'
import { OrderSummaryDto } from './orders.dto.ts'

const DateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })])

export const DashboardQuery = z.object({
  from: DateOrTime.optional().describe('Start of the period (a date means its start, UTC); default 30 days before `to`'),
  to: DateOrTime.optional().describe('End of the period, exclusive (a date includes that whole day, UTC); default now'),
})
export type DashboardQuery = z.infer<typeof DashboardQuery>

export const DashboardDto = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  revenue: Money.describe('Totals of orders confirmed in the period and not cancelled, minus what was refunded on them'),
  orderCount: z.number().int(),
  averageOrderValue: Money,
  topProducts: z.array(z.object({ productId: z.uuid(), name: z.string(), quantity: z.number().int(), revenue: Money })),
  lowStock: z.array(z.record(z.string(), z.unknown())).describe('Skus at or under their threshold, as inventory reports them'),
  recentOrders: z.array(OrderSummaryDto),
  series: z.array(z.object({ date: z.string(), orders: z.number().int(), revenue: Money })),
  warnings: z.array(z.string()),
})
export type DashboardDto = z.infer<typeof DashboardDto>
