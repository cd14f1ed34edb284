import type { DbOrTx } from '../../platform/db/db.ts'
import { getMethod, type MethodWithRates, withRates } from './methods.repo.ts'
import type { MethodDto, RateDto } from './shipping.dto.ts'
import type { RateRow } from './shipping.tables.ts'

function money(amount: number, currency: string) {
  return { amount, currency }
}

function toRateDto(r: RateRow & { countries: string[] }): RateDto {
  return {
    zone: r.zone,
    countries: r.countries,
    base: money(r.baseMinor, r.currency),
    perKg: money(r.perKgMinor, r.currency),
    freeOver: r.freeOverMinor === null ? null : money(r.freeOverMinor, r.currency),
    estimatedDays: r.minDays === null || r.maxDays === null ? null : { min: r.minDays, max: r.maxDays },
  }
}

/** What anyone may know of a method; admins also see whether it is active, its rates and its times. */
export function toMethodDto(m: MethodWithRates, admin: boolean): MethodDto {
  const dto: MethodDto = { id: m.id, name: m.name, carrier: m.carrier, estimatedDays: { min: m.minDays, max: m.maxDays } }
  if (!admin) return dto
  return {
    ...dto,
    active: m.active,
    rates: m.rates.map(toRateDto),
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  }
}

/** The method as an admin sees it; NotFound when there is none. */
export async function loadMethodDto(db: DbOrTx, id: string): Promise<MethodDto> {
  const [method] = await withRates(db, [await getMethod(db, id)])
  return toMethodDto(method as MethodWithRates, true)
}
