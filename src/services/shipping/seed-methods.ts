import { sql } from 'drizzle-orm'
import { DEFAULT_METHODS } from './default-methods.ts'
import { countMethods, insertMethod, replaceRates } from './methods.repo.ts'
import type { ShippingDeps } from './shipping.deps.ts'

/**
 * Gives a shop without any shipping method the defaults (Standard and Express, to the US, Canada
 * and Mexico, the EU and the rest of the world). Once any method exists, even an inactive one,
 * nothing is added: an admin's choices stand. Replicas starting together seed once: the check and
 * the inserts run under one advisory lock. Returns the names it created.
 */
export async function seedDefaultMethods(deps: ShippingDeps): Promise<string[]> {
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('emporium.shipping.seed-methods'))`)
    if ((await countMethods(tx)) > 0) return []
    for (const method of DEFAULT_METHODS) {
      const row = await insertMethod(tx, { name: method.name, carrier: method.carrier, active: true, minDays: method.days.min, maxDays: method.days.max })
      await replaceRates(
        tx,
        row.id,
        method.rates.map((r) => ({
          zone: r.zone,
          countries: r.countries,
          baseMinor: r.baseMinor,
          perKgMinor: r.perKgMinor,
          freeOverMinor: r.freeOverMinor,
          currency: deps.currency,
          minDays: r.days?.min ?? null,
          maxDays: r.days?.max ?? null,
        })),
      )
    }
    return DEFAULT_METHODS.map((m) => m.name)
  })
}
