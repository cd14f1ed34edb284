import { asc, count, eq, inArray, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { DbOrTx } from '../../platform/db/db.ts'
import { NotFound } from '../../platform/errors.ts'
import { distinctCountries } from './shipping.rules.ts'
import { type MethodRow, methods, rateCountries, type RateRow, rates } from './shipping.tables.ts'

export type RateWithCountries = RateRow & { countries: string[] }
export type MethodWithRates = MethodRow & { rates: RateWithCountries[] }

export interface NewRate {
  zone: string
  countries: readonly string[]
  baseMinor: number
  perKgMinor: number
  freeOverMinor: number | null
  currency: string
  minDays: number | null
  maxDays: number | null
}

export interface MethodFields {
  name: string
  carrier: string
  active: boolean
  minDays: number
  maxDays: number
}

export async function findMethod(db: DbOrTx, id: string): Promise<MethodRow | undefined> {
  const [row] = await db.select().from(methods).where(eq(methods.id, id))
  return row
}

export async function getMethod(db: DbOrTx, id: string): Promise<MethodRow> {
  const row = await findMethod(db, id)
  if (!row) throw new NotFound(`Shipping method ${id}`, 'method_not_found')
  return row
}

/** Locks the method row until the transaction ends: two edits of one method queue. */
export async function lockMethod(tx: DbOrTx, id: string): Promise<MethodRow> {
  const [row] = await tx.select().from(methods).where(eq(methods.id, id)).for('update')
  if (!row) throw new NotFound(`Shipping method ${id}`, 'method_not_found')
  return row
}

export async function countMethods(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(methods)
  return row?.n ?? 0
}

/** Methods by name (active ones only unless asked), each with its zones in the admin's order. */
export async function listMethodsWithRates(db: DbOrTx, filter: { includeInactive: boolean }): Promise<MethodWithRates[]> {
  const rows = await db
    .select()
    .from(methods)
    .where(filter.includeInactive ? undefined : eq(methods.active, true))
    .orderBy(asc(sql`lower(${methods.name})`), asc(methods.id))
  return withRates(db, rows)
}

export async function withRates(db: DbOrTx, rows: MethodRow[]): Promise<MethodWithRates[]> {
  if (rows.length === 0) return []
  const ids = rows.map((m) => m.id)
  const rateRows = await db.select().from(rates).where(inArray(rates.methodId, ids)).orderBy(asc(rates.position))
  const countryRows = await db.select().from(rateCountries).where(inArray(rateCountries.methodId, ids)).orderBy(asc(rateCountries.country))
  const countriesOf = new Map<string, string[]>()
  for (const c of countryRows) countriesOf.set(c.rateId, [...(countriesOf.get(c.rateId) ?? []), c.country])
  return rows.map((m) => ({
    ...m,
    rates: rateRows.filter((r) => r.methodId === m.id).map((r) => ({ ...r, countries: countriesOf.get(r.id) ?? [] })),
  }))
}

export async function insertMethod(tx: DbOrTx, fields: MethodFields & { id?: string }): Promise<MethodRow> {
  const [row] = await tx
    .insert(methods)
    .values({ id: fields.id ?? uuidv7(), ...fields })
    .returning()
  if (!row) throw new Error('The method insert returned no row')
  return row
}

export async function updateMethod(tx: DbOrTx, id: string, fields: Partial<MethodFields>): Promise<MethodRow> {
  const [row] = await tx
    .update(methods)
    .set({ ...fields, updatedAt: sql`now()` })
    .where(eq(methods.id, id))
    .returning()
  if (!row) throw new NotFound(`Shipping method ${id}`, 'method_not_found')
  return row
}

/** The method's zones become exactly these (its countries with them). */
export async function replaceRates(tx: DbOrTx, methodId: string, newRates: readonly NewRate[]): Promise<void> {
  await tx.delete(rates).where(eq(rates.methodId, methodId))
  for (const [position, rate] of newRates.entries()) {
    const id = uuidv7()
    await tx.insert(rates).values({
      id,
      methodId,
      zone: rate.zone,
      position,
      baseMinor: rate.baseMinor,
      perKgMinor: rate.perKgMinor,
      freeOverMinor: rate.freeOverMinor,
      currency: rate.currency,
      minDays: rate.minDays,
      maxDays: rate.maxDays,
    })
    await tx.insert(rateCountries).values(distinctCountries(rate.countries).map((country) => ({ methodId, country, rateId: id })))
  }
}

/** The carrier of a method, whatever its state (an order may name a method since deactivated). */
export async function findCarrierOf(db: DbOrTx, methodId: string): Promise<string | undefined> {
  const [row] = await db.select({ carrier: methods.carrier }).from(methods).where(eq(methods.id, methodId))
  return row?.carrier
}
