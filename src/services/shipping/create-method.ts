import { v7 as uuidv7 } from 'uuid'
import { assertZones, conflictOnTakenName, newRatesOf } from './method-input.ts'
import { loadMethodDto } from './method-view.ts'
import { insertMethod, replaceRates } from './methods.repo.ts'
import type { ShippingDeps } from './shipping.deps.ts'
import type { MethodBody, MethodDto } from './shipping.dto.ts'

/** An admin adds a shipping method with its zone rates. 409 on a taken name; 422 on a country in two zones. */
export async function createMethod(deps: ShippingDeps, body: MethodBody): Promise<MethodDto> {
  assertZones(body.rates)
  const id = uuidv7()
  await conflictOnTakenName(body.name, () =>
    deps.db.transaction(async (tx) => {
      await insertMethod(tx, {
        id,
        name: body.name,
        carrier: body.carrier,
        active: body.active,
        minDays: body.estimatedDays.min,
        maxDays: body.estimatedDays.max,
      })
      await replaceRates(tx, id, newRatesOf(body.rates, deps.currency))
    }),
  )
  deps.log.info({ methodId: id, name: body.name }, 'shipping method created')
  return loadMethodDto(deps.db, id)
}
