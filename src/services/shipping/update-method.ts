import { assertZones, conflictOnTakenName, newRatesOf } from './method-input.ts'
import { loadMethodDto } from './method-view.ts'
import { lockMethod, type MethodFields, replaceRates, updateMethod } from './methods.repo.ts'
import type { ShippingDeps } from './shipping.deps.ts'
import type { MethodDto, MethodPatch } from './shipping.dto.ts'

/** An admin changes a method: any of its fields, and its rates replaced as a whole when given. */
export async function updateMethodById(deps: ShippingDeps, id: string, patch: MethodPatch): Promise<MethodDto> {
  if (patch.rates) assertZones(patch.rates)
  const fields: Partial<MethodFields> = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.carrier !== undefined ? { carrier: patch.carrier } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
    ...(patch.estimatedDays ? { minDays: patch.estimatedDays.min, maxDays: patch.estimatedDays.max } : {}),
  }
  await conflictOnTakenName(patch.name ?? '', () =>
    deps.db.transaction(async (tx) => {
      await lockMethod(tx, id)
      await updateMethod(tx, id, fields)
      if (patch.rates) await replaceRates(tx, id, newRatesOf(patch.rates, deps.currency))
    }),
  )
  deps.log.info({ methodId: id, fields: Object.keys(patch) }, 'shipping method changed')
  return loadMethodDto(deps.db, id)
}
