import { describe, expect, it } from 'vitest'
import { DEFAULT_METHODS } from './default-methods.ts'
import {
  canTransition,
  compareQuotes,
  estimateFor,
  parcelOf,
  planShipmentChange,
  SHIPMENT_TRANSITIONS,
  shipmentRefusal,
  shippingPrice,
  zoneErrors,
  zoneFor,
} from './shipping.rules.ts'
import type { ShipmentStatus } from './shipping.tables.ts'
import { newTrackingNumber } from './tracking-numbers.ts'

const parcel = (grams: number, subtotalMinor = 0) => ({ grams: BigInt(grams), subtotalMinor: BigInt(subtotalMinor) })
const standardUs = { baseMinor: 499, perKgMinor: 150, freeOverMinor: 5000 }

describe('shipping price: base + ceil(perKg × grams / 1000)', () => {
  it.each([
    [0, 499],
    [1, 500],
    [999, 649],
    [1000, 649],
    [1001, 650],
    [2500, 874],
  ])('when the parcel weighs %i g at 150 per kg, then it costs %i', (grams, price) => {
    expect(shippingPrice(standardUs, parcel(grams))).toBe(BigInt(price))
  })

  it('when the per-kg share has a fraction of a minor unit, then it is rounded up, never down', () => {
    expect(shippingPrice({ baseMinor: 0, perKgMinor: 3, freeOverMinor: null }, parcel(1))).toBe(1n)
    expect(shippingPrice({ baseMinor: 0, perKgMinor: 3, freeOverMinor: null }, parcel(334))).toBe(2n)
    expect(shippingPrice({ baseMinor: 0, perKgMinor: 3, freeOverMinor: null }, parcel(333))).toBe(1n)
  })

  it('when the subtotal reaches the free-over threshold exactly, then shipping is free; one cent below, it is charged', () => {
    expect(shippingPrice(standardUs, parcel(1200, 5000))).toBe(0n)
    expect(shippingPrice(standardUs, parcel(1200, 4999))).toBe(499n + 180n)
    expect(shippingPrice(standardUs, parcel(1200, 10_000))).toBe(0n)
  })

  it('when a rate has no free-over threshold, then no subtotal makes it free', () => {
    expect(shippingPrice({ ...standardUs, freeOverMinor: null }, parcel(0, 10 ** 9))).toBe(499n)
  })

  it('when weights and quantities are huge, then the arithmetic stays exact (no float drift or overflow)', () => {
    const p = parcelOf([{ quantity: 10_000, weightGrams: 1_000_000_000, priceMinor: 100_000_000_00 }])
    expect(p).toEqual({ grams: 10n ** 13n, subtotalMinor: 10n ** 14n })
    expect(shippingPrice({ baseMinor: 1, perKgMinor: 7, freeOverMinor: null }, p)).toBe(1n + 7n * 10n ** 10n)
  })

  it('when lines are summed, then weight and subtotal count each unit', () => {
    expect(
      parcelOf([
        { quantity: 2, weightGrams: 350, priceMinor: 1250 },
        { quantity: 3, weightGrams: 100, priceMinor: 999 },
      ]),
    ).toEqual({ grams: 1000n, subtotalMinor: 2500n + 2997n })
  })
})

describe('zones', () => {
  const zones = [
    { zone: 'US', countries: ['US'] },
    { zone: 'North America', countries: ['CA', 'MX'] },
    { zone: 'World', countries: ['*'] },
  ]

  it('when a zone names the country, then that zone serves it', () => {
    expect(zoneFor(zones, 'US')?.zone).toBe('US')
    expect(zoneFor(zones, 'MX')?.zone).toBe('North America')
  })

  it('when no zone names the country, then the "*" zone serves it, wherever it is listed', () => {
    expect(zoneFor(zones, 'JP')?.zone).toBe('World')
    expect(zoneFor([zones[2], zones[0]] as typeof zones, 'US')?.zone).toBe('US')
  })

  it('when no zone names the country and there is no "*", then the method does not ship there', () => {
    expect(zoneFor(zones.slice(0, 2), 'JP')).toBeUndefined()
  })

  it("when a zone has its own estimate, then it wins over the method's", () => {
    expect(estimateFor({ min: 3, max: 7 }, { min: 1, max: 2 })).toEqual({ min: 1, max: 2 })
    expect(estimateFor({ min: 3, max: 7 }, null)).toEqual({ min: 3, max: 7 })
  })

  it('when a country (or "*") is in two zones of a method, then each later occurrence is named', () => {
    const errors = zoneErrors([
      { zone: 'A', countries: ['US', 'CA', '*'] },
      { zone: 'B', countries: ['MX', 'CA'] },
      { zone: 'C', countries: ['*'] },
    ])
    expect(errors.map((e) => e.path)).toEqual(['rates.1.countries.1', 'rates.2.countries.0'])
    expect(errors[0]?.message).toContain('CA')
  })

  it('when two zones share a name in any case, then the second is named; a country twice in one zone is fine', () => {
    expect(zoneErrors([{ zone: 'EU', countries: ['DE'] }, { zone: 'eu', countries: ['FR'] }]).map((e) => e.path)).toEqual(['rates.1.zone'])
    expect(zoneErrors([{ zone: 'EU', countries: ['DE', 'DE'] }])).toEqual([])
  })

  it('when the default methods are checked, then their zones are valid and every country is served', () => {
    for (const method of DEFAULT_METHODS) {
      expect(zoneErrors(method.rates), method.name).toEqual([])
      for (const country of ['US', 'CA', 'DE', 'JP', 'BR']) expect(zoneFor(method.rates, country), `${method.name} ${country}`).toBeDefined()
    }
  })
})

describe('quote order', () => {
  it('when quotes are sorted, then the cheapest comes first, then the fastest, then by name', () => {
    const quotes = [
      { name: 'Slow', priceMinor: 500, estimatedDays: { min: 5, max: 9 } },
      { name: 'Express', priceMinor: 1500, estimatedDays: { min: 1, max: 2 } },
      { name: 'Fast', priceMinor: 500, estimatedDays: { min: 2, max: 3 } },
      { name: 'Also fast', priceMinor: 500, estimatedDays: { min: 2, max: 3 } },
    ]
    expect([...quotes].sort(compareQuotes).map((q) => q.name)).toEqual(['Also fast', 'Fast', 'Slow', 'Express'])
  })
})

describe('shipment state machine', () => {
  const all: ShipmentStatus[] = ['pending', 'in_transit', 'delivered', 'cancelled']
  const allowed = new Set(['pending>in_transit', 'pending>delivered', 'pending>cancelled', 'in_transit>delivered', 'in_transit>cancelled'])

  it('when any status meets any other, then only forward moves are allowed', () => {
    for (const from of all) {
      for (const to of all) expect(canTransition(from, to), `${from} → ${to}`).toBe(allowed.has(`${from}>${to}`))
    }
    expect(SHIPMENT_TRANSITIONS.delivered).toEqual([])
    expect(SHIPMENT_TRANSITIONS.cancelled).toEqual([])
  })

  it('when the same status comes again, then nothing changes', () => {
    expect(planShipmentChange({ status: 'in_transit', trackingNumber: 'T1' }, { status: 'in_transit' })).toEqual({ kind: 'none' })
    expect(planShipmentChange({ status: 'delivered', trackingNumber: 'T1' }, { status: 'delivered', trackingNumber: 'T1' })).toEqual({ kind: 'none' })
  })

  it('when the same status comes with a new tracking number, then only an open shipment takes it', () => {
    expect(planShipmentChange({ status: 'in_transit', trackingNumber: 'T1' }, { status: 'in_transit', trackingNumber: 'T2' })).toEqual({
      kind: 'tracking',
      trackingNumber: 'T2',
    })
    expect(() => planShipmentChange({ status: 'delivered', trackingNumber: 'T1' }, { status: 'delivered', trackingNumber: 'T2' })).toThrow(
      expect.objectContaining({ status: 409, code: 'shipment_closed' }),
    )
  })

  it('when a move goes forward, then it carries the tracking number, new or kept', () => {
    expect(planShipmentChange({ status: 'pending', trackingNumber: 'T1' }, { status: 'in_transit', trackingNumber: 'T2' })).toEqual({
      kind: 'move',
      to: 'in_transit',
      trackingNumber: 'T2',
    })
    expect(planShipmentChange({ status: 'pending', trackingNumber: 'T1' }, { status: 'delivered' })).toEqual({ kind: 'move', to: 'delivered', trackingNumber: 'T1' })
  })

  it.each([
    ['in_transit', 'pending'],
    ['delivered', 'in_transit'],
    ['delivered', 'cancelled'],
    ['cancelled', 'in_transit'],
    ['cancelled', 'delivered'],
  ] as const)('when a shipment in %s is moved to %s, then 409 invalid_transition', (from, to) => {
    expect(() => planShipmentChange({ status: from, trackingNumber: 'T' }, { status: to })).toThrow(
      expect.objectContaining({ status: 409, code: 'invalid_transition' }),
    )
  })

  it('when the order is unknown or cancelled, then no shipment may be made; a confirmed one may', () => {
    expect(shipmentRefusal(undefined)?.code).toBe('order_not_confirmed')
    expect(shipmentRefusal({ status: 'cancelled' })?.code).toBe('order_cancelled')
    expect(shipmentRefusal({ status: 'confirmed' })).toBeUndefined()
  })
})

describe('tracking numbers', () => {
  it.each([
    ['UPS', /^1Z[0-9A-Z]{16}$/],
    ['USPS', /^94\d{20}$/],
    ['FedEx', /^\d{12}$/],
    ['DHL Express', /^\d{10}$/],
    ['Royal Mail', /^EMP[0-9A-Z]{13}$/],
  ])('when the carrier is %s, then the number has its style', (carrier, pattern) => {
    expect(newTrackingNumber(carrier)).toMatch(pattern)
  })

  it('when numbers are drawn, then they differ', () => {
    const drawn = new Set(Array.from({ length: 200 }, () => newTrackingNumber('UPS')))
    expect(drawn.size).toBe(200)
  })

  it('when the source of randomness is fixed, then the number follows from it', () => {
    expect(newTrackingNumber('UPS', () => 35)).toBe(`1Z${'Z'.repeat(16)}`)
  })
})
