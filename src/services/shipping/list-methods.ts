import { NotFound } from '../../platform/errors.ts'
import { getMethod, listMethodsWithRates, type MethodWithRates, withRates } from './methods.repo.ts'
import type { ShippingDeps } from './shipping.deps.ts'
import type { MethodDto } from './shipping.dto.ts'
import { toMethodDto } from './method-view.ts'

/**
 * The methods a customer may choose (all of them for an admin who asks), by name. A plain array,
 * as API.md shows it and the checkout reads it: a shop has a handful of methods, never a page's worth.
 */
export async function listMethods(deps: ShippingDeps, viewer: { admin: boolean; includeInactive: boolean }): Promise<MethodDto[]> {
  const rows = await listMethodsWithRates(deps.db, { includeInactive: viewer.admin && viewer.includeInactive })
  return rows.map((m) => toMethodDto(m, viewer.admin))
}

/** One method: an active one for anyone, any for an admin (404 otherwise). */
export async function getMethodFor(deps: ShippingDeps, id: string, viewer: { admin: boolean }): Promise<MethodDto> {
  const method = await getMethod(deps.db, id)
  if (!method.active && !viewer.admin) throw new NotFound(`Shipping method ${id}`, 'method_not_found')
  const [withItsRates] = await withRates(deps.db, [method])
  return toMethodDto(withItsRates as MethodWithRates, viewer.admin)
}
