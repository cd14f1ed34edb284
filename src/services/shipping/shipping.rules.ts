/**
 * Pure rules of shipping: which zone of a method serves a country, what a parcel costs, the
 * order of quotes, the zones an admin may configure, and the shipment state machine. No I/O.
 *
 * Rate arithmetic is integer arithmetic in minor units, never floats:
 *   price = base + ceil(perKg × grams / 1000)
 * computed on BigInt as `base + (perKg × grams + 999) / 1000` (integer division), so a parcel of
 * 1 g under a per-kg price of 150 costs base + 1, and 1 kg exactly costs base + 150. The parcel's
 * grams are Σ variant weight × quantity; its subtotal is Σ variant price × quantity. When the rate
 * has a free-over threshold and the subtotal is at or above it, the price is 0.
 */
import type { FieldError } from '../../platform/errors.ts'
import { Conflict } from '../../platform/errors.ts'
import type { ShipmentStatus } from './shipping.tables.ts'

/** The largest amount money on the wire may carry (contracts/money.ts). */
export const MAX_MONEY_MINOR = 100_000_000_00
/** The zone entry that serves every country no other zone of the method names. */
export const REST_OF_WORLD = '*'

export interface Days {
  min: number
  max: number
}

export interface RateTerms {
  baseMinor: number
  perKgMinor: number
  /** Subtotal at or above which the parcel ships free; null: never free. */
  freeOverMinor: number | null
}

/** What a quote weighs and prices, as exact integers. */
export interface Parcel {
  grams: bigint
  subtotalMinor: bigint
}

export interface ParcelLine {
  quantity: number
  weightGrams: number
  priceMinor: number
}

export function parcelOf(lines: readonly ParcelLine[]): Parcel {
  let grams = 0n
  let subtotalMinor = 0n
  for (const line of lines) {
    grams += BigInt(line.weightGrams) * BigInt(line.quantity)
    subtotalMinor += BigInt(line.priceMinor) * BigInt(line.quantity)
  }
  return { grams, subtotalMinor }
}

/** `ceil(a / b)` for non-negative integers. */
function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b
}

/** The price of a parcel under a rate, in minor units (see the module comment). May exceed MAX_MONEY_MINOR. */
export function shippingPrice(terms: RateTerms, parcel: Parcel): bigint {
  if (terms.freeOverMinor !== null && parcel.subtotalMinor >= BigInt(terms.freeOverMinor)) return 0n
  return BigInt(terms.baseMinor) + ceilDiv(BigInt(terms.perKgMinor) * parcel.grams, 1000n)
}

export interface ZoneCountries {
  countries: readonly string[]
}

/** The zone naming the country, else the zone holding `*`, else none: the method does not ship there. */
export function zoneFor<Z extends ZoneCountries>(zones: readonly Z[], country: string): Z | undefined {
  return zones.find((z) => z.countries.includes(country)) ?? zones.find((z) => z.countries.includes(REST_OF_WORLD))
}

/** The delivery estimate of a zone: its own, or the method's. */
export function estimateFor(methodDays: Days, zoneDays: Days | null): Days {
  return zoneDays ?? methodDays
}

export interface QuoteOption {
  name: string
  priceMinor: number
  estimatedDays: Days
}

/** Cheapest first; at the same price the faster, then by name (code-unit order, the same on every machine). */
export function compareQuotes(a: QuoteOption, b: QuoteOption): number {
  if (a.priceMinor !== b.priceMinor) return a.priceMinor - b.priceMinor
  if (a.estimatedDays.min !== b.estimatedDays.min) return a.estimatedDays.min - b.estimatedDays.min
  if (a.estimatedDays.max !== b.estimatedDays.max) return a.estimatedDays.max - b.estimatedDays.max
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
}

export interface ZoneInput {
  zone: string
  countries: readonly string[]
}

/**
 * What is wrong with a method's zones as a whole: a country (or `*`) in two zones, or two zones
 * with one name (case-insensitive). Each error points at the later occurrence. Empty when fine.
 */
export function zoneErrors(zones: readonly ZoneInput[]): FieldError[] {
  const errors: FieldError[] = []
  const zoneOfCountry = new Map<string, number>()
  const names = new Map<string, number>()
  zones.forEach((zone, i) => {
    const name = zone.zone.toLowerCase()
    const sameName = names.get(name)
    if (sameName !== undefined) errors.push({ path: `rates.${i}.zone`, message: `Zone "${zone.zone}" is already rates.${sameName}.` })
    else names.set(name, i)
    zone.countries.forEach((country, j) => {
      const first = zoneOfCountry.get(country)
      if (first === undefined) zoneOfCountry.set(country, i)
      else if (first !== i) {
        errors.push({ path: `rates.${i}.countries.${j}`, message: `${country} is already in zone "${zones[first]?.zone}": a country belongs to one zone of a method.` })
      }
    })
  })
  return errors
}

/** The countries of a zone, each once, in the order given. */
export function distinctCountries(countries: readonly string[]): string[] {
  return [...new Set(countries)]
}

/** The shipment state machine: forward only. Skipping ahead (pending → delivered) is forward. */
export const SHIPMENT_TRANSITIONS: Readonly<Record<ShipmentStatus, readonly ShipmentStatus[]>> = {
  pending: ['in_transit', 'delivered', 'cancelled'],
  in_transit: ['delivered', 'cancelled'],
  delivered: [],
  cancelled: [],
}

export function canTransition(from: ShipmentStatus, to: ShipmentStatus): boolean {
  return SHIPMENT_TRANSITIONS[from].includes(to)
}

export function isFinal(status: ShipmentStatus): boolean {
  return SHIPMENT_TRANSITIONS[status].length === 0
}

export type ShipmentChange =
  /** Same status and nothing else new: answer as it is. */
  | { kind: 'none' }
  /** Same status, a new tracking number on a shipment still on its way. */
  | { kind: 'tracking'; trackingNumber: string }
  | { kind: 'move'; to: ShipmentStatus; trackingNumber: string }

/**
 * What an admin's PATCH does to a shipment. The same status again changes nothing (a retry), or
 * only the tracking number while the shipment is not yet delivered or cancelled. A move must be
 * forward (SHIPMENT_TRANSITIONS); anything else is 409.
 */
export function planShipmentChange(
  current: { status: ShipmentStatus; trackingNumber: string },
  patch: { status: ShipmentStatus; trackingNumber?: string | undefined },
): ShipmentChange {
  const trackingNumber = patch.trackingNumber ?? current.trackingNumber
  if (patch.status === current.status) {
    if (trackingNumber === current.trackingNumber) return { kind: 'none' }
    if (isFinal(current.status)) {
      throw new Conflict(`The shipment is ${current.status}: its tracking number can no longer change.`, 'shipment_closed')
    }
    return { kind: 'tracking', trackingNumber }
  }
  if (!canTransition(current.status, patch.status)) {
    throw new Conflict(`A shipment cannot go from ${current.status} to ${patch.status}: shipments only move forward.`, 'invalid_transition')
  }
  return { kind: 'move', to: patch.status, trackingNumber }
}

/** Why a shipment cannot be made for this order, or undefined when it can. */
export function shipmentRefusal(order: { status: 'confirmed' | 'cancelled' } | undefined): { code: string; detail: string } | undefined {
  if (!order) {
    return {
      code: 'order_not_confirmed',
      detail: 'Shipping has not (yet) been told that this order is confirmed; if it was confirmed just now, try again shortly.',
    }
  }
  if (order.status === 'cancelled') return { code: 'order_cancelled', detail: 'The order is cancelled: it will not ship.' }
  return undefined
}
