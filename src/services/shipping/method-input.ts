import { Conflict, RuleViolation } from '../../platform/errors.ts'
import { uniqueViolation } from '../../platform/db/pg-errors.ts'
import type { NewRate } from './methods.repo.ts'
import type { RateInput } from './shipping.dto.ts'
import { zoneErrors } from './shipping.rules.ts'

/** A country in two zones, or two zones with one name: 422 naming each offending field. */
export function assertZones(rates: readonly RateInput[]): void {
  const errors = zoneErrors(rates)
  if (errors.length > 0) throw new RuleViolation('Each country belongs to at most one zone of a method, and zone names differ.', 'invalid_zones', errors)
}

/** Rates as rows: money in minor units of the shop currency (the schema already checked it). */
export function newRatesOf(rates: readonly RateInput[], currency: string): NewRate[] {
  return rates.map((r) => ({
    zone: r.zone,
    countries: r.countries,
    baseMinor: r.base.amount,
    perKgMinor: r.perKg.amount,
    freeOverMinor: r.freeOver?.amount ?? null,
    currency,
    minDays: r.estimatedDays?.min ?? null,
    maxDays: r.estimatedDays?.max ?? null,
  }))
}

/**
 * Runs a write: a method name already taken (or taken by a concurrent request) is 409; two zone
 * names the database folds to one (its lower() and JavaScript's differ on a few letters) are 422.
 */
export async function conflictOnTakenName<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    const constraint = uniqueViolation(err)
    if (constraint === 'rates_method_zone_idx') {
      throw new RuleViolation('Two zones of the method have the same name.', 'invalid_zones', [{ path: 'rates', message: 'Zone names must differ' }])
    }
    if (constraint !== undefined) throw nameTaken(name)
    throw err
  }
}

export function nameTaken(name: string): Conflict {
  return new Conflict(`A shipping method named "${name}" already exists.`, 'method_name_taken')
}
