import type { AuthUser } from '../../platform/auth.ts'
import { NotFound } from '../../platform/errors.ts'
import { pageOf } from '../../platform/pagination.ts'
import { type ShipmentDto, type ShipmentQuery, toShipmentDto } from './shipments.dto.ts'
import { findShipment, listShipments } from './shipments.repo.ts'
import type { ShippingDeps } from './shipping.deps.ts'

/** A customer's own shipments (those of their orders), or any for an admin; newest first. */
export async function listShipmentsFor(
  deps: ShippingDeps,
  user: AuthUser,
  query: ShipmentQuery,
): Promise<{ items: ShipmentDto[]; total: number; page: number; pageSize: number }> {
  const page = pageOf(query)
  const { rows, total } = await listShipments(deps.db, {
    customerId: user.role === 'admin' ? undefined : user.id,
    orderId: query.orderId,
    status: query.status,
    limit: page.limit,
    offset: page.offset,
  })
  return { items: rows.map(toShipmentDto), total, page: page.page, pageSize: page.pageSize }
}

/** One shipment: the customer's own (another's is 404, as if it did not exist), any for an admin. */
export async function getShipmentFor(deps: ShippingDeps, user: AuthUser, id: string): Promise<ShipmentDto> {
  const shipment = await findShipment(deps.db, id)
  if (!shipment || (user.role !== 'admin' && shipment.customerId !== user.id)) throw new NotFound(`Shipment ${id}`, 'shipment_not_found')
  return toShipmentDto(shipment)
}
