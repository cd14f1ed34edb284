import { bearerSecurity, requireAdmin, userOf } from '../../platform/auth.ts'
import type { App } from '../../platform/http.ts'
import { ListOf, PageQuery } from '../../platform/pagination.ts'
import { adjustStock } from './adjust-stock.ts'
import { getAvailability } from './get-availability.ts'
import type { InventoryDeps } from './inventory.deps.ts'
import { AdjustmentBody, AvailabilityDto, LevelDto, LevelQuery, MovementDto, SkuParams, ThresholdBody } from './inventory.dto.ts'
import { listLevelsForAdmin } from './list-levels.ts'
import { listMovementsForAdmin } from './list-movements.ts'
import { setLowStockThreshold } from './set-threshold.ts'

const tags = ['inventory']

export function inventoryRoutes(app: App, deps: InventoryDeps): void {
  app.get(
    '/api/inventory/:sku',
    {
      schema: {
        tags,
        summary: 'How many units of a sku can be bought now',
        params: SkuParams,
        response: { 200: AvailabilityDto },
      },
    },
    async (req, reply) => {
      const availability = await getAvailability(deps, req.params.sku)
      return reply.header('cache-control', 'no-cache').send(availability)
    },
  )

  app.get(
    '/api/inventory',
    {
      preHandler: requireAdmin,
      schema: {
        tags,
        summary: 'Stock levels by sku, optionally only the low ones or those with a sku prefix',
        security: bearerSecurity,
        querystring: PageQuery.extend(LevelQuery.shape),
        response: { 200: ListOf(LevelDto) },
      },
    },
    async (req) => listLevelsForAdmin(deps, req.query),
  )

  app.post(
    '/api/inventory/:sku/adjustments',
    {
      preHandler: [requireAdmin, app.idempotency.optional],
      schema: {
        tags,
        summary: 'Count stock in or out (received, correction, damaged); 409 if on hand would fall below reserved. A retry with the same Idempotency-Key counts once',
        security: bearerSecurity,
        params: SkuParams,
        body: AdjustmentBody,
        response: { 200: LevelDto },
      },
    },
    async (req) => adjustStock(deps, userOf(req), req.params.sku, req.body),
  )

  app.patch(
    '/api/inventory/:sku',
    {
      preHandler: requireAdmin,
      schema: {
        tags,
        summary: "Set a sku's low-stock threshold",
        security: bearerSecurity,
        params: SkuParams,
        body: ThresholdBody,
        response: { 200: LevelDto },
      },
    },
    async (req) => setLowStockThreshold(deps, req.params.sku, req.body.lowStockThreshold),
  )

  app.get(
    '/api/inventory/:sku/movements',
    {
      preHandler: requireAdmin,
      schema: {
        tags,
        summary: "A sku's stock ledger, newest first",
        security: bearerSecurity,
        params: SkuParams,
        querystring: PageQuery,
        response: { 200: ListOf(MovementDto) },
      },
    },
    async (req) => listMovementsForAdmin(deps, req.params.sku, req.query),
  )
}
