import { bearerSecurity, requireAdmin, requireUser, userOf } from '../../platform/auth.ts'
import type { App } from '../../platform/http.ts'
import { ListOf } from '../../platform/pagination.ts'
import { changeShipment } from './change-shipment.ts'
import { createShipment } from './create-shipment.ts'
import { getShipmentFor, listShipmentsFor } from './list-shipments.ts'
import { CreateShipmentBody, ShipmentDto, ShipmentPatch, ShipmentQuery } from './shipments.dto.ts'
import type { ShippingDeps } from './shipping.deps.ts'
import { IdParams } from './shipping.dto.ts'

const tags = ['shipments']

/** Shipments of confirmed orders: made and moved forward by admins, read by their customers. */
export function shipmentRoutes(app: App, deps: ShippingDeps): void {
  app.post(
    '/api/shipments',
    {
      preHandler: [requireAdmin, app.idempotency.optional],
      schema: {
        tags,
        summary: 'Make the shipment of a confirmed order',
        description:
          "Pending, with the carrier of the order's shipping method and a new tracking number; emits shipment.created. 409 `order_not_confirmed` when shipping has not (yet) heard the order is confirmed, 409 `order_cancelled`, 409 `shipment_exists` when the order already has a shipment that is not cancelled.",
        security: bearerSecurity,
        body: CreateShipmentBody,
        response: { 201: ShipmentDto },
      },
    },
    async (req, reply) => reply.code(201).send(await createShipment(deps, req.body)),
  )

  app.patch(
    '/api/shipments/:id',
    {
      preHandler: requireAdmin,
      schema: {
        tags,
        summary: 'Move a shipment forward',
        description:
          'pending → in_transit → delivered (pending → delivered allowed), pending or in_transit → cancelled; emits shipment.shipped, .delivered or .cancelled. The same status again changes nothing; any other move is 409.',
        security: bearerSecurity,
        params: IdParams,
        body: ShipmentPatch,
        response: { 200: ShipmentDto },
      },
    },
    async (req) => changeShipment(deps, req.params.id, req.body),
  )

  app.get(
    '/api/shipments',
    {
      preHandler: requireUser,
      schema: {
        tags,
        summary: "The caller's shipments (any for admins), newest first",
        security: bearerSecurity,
        querystring: ShipmentQuery,
        response: { 200: ListOf(ShipmentDto) },
      },
    },
    async (req, reply) => reply.header('cache-control', 'private, no-store').send(await listShipmentsFor(deps, userOf(req), req.query)),
  )

  app.get(
    '/api/shipments/:id',
    {
      preHandler: requireUser,
      schema: {
        tags,
        summary: 'One shipment; another customer\'s is 404',
        security: bearerSecurity,
        params: IdParams,
        response: { 200: ShipmentDto },
      },
    },
    async (req, reply) => reply.header('cache-control', 'private, no-store').send(await getShipmentFor(deps, userOf(req), req.params.id)),
  )
}
