/**
 * The methods a fresh shop starts with, so that checkout works to any country before an admin
 * has configured anything. Amounts are minor units of the shop currency.
 */

export const EU_COUNTRIES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
] as const

export interface DefaultRate {
  zone: string
  countries: readonly string[]
  baseMinor: number
  perKgMinor: number
  freeOverMinor: number | null
  days: { min: number; max: number } | null
}

export interface DefaultMethod {
  name: string
  carrier: string
  days: { min: number; max: number }
  rates: DefaultRate[]
}

export const DEFAULT_METHODS: readonly DefaultMethod[] = [
  {
    name: 'Standard',
    carrier: 'USPS',
    days: { min: 3, max: 7 },
    rates: [
      { zone: 'United States', countries: ['US'], baseMinor: 499, perKgMinor: 150, freeOverMinor: 5000, days: { min: 3, max: 5 } },
      { zone: 'Canada and Mexico', countries: ['CA', 'MX'], baseMinor: 1299, perKgMinor: 400, freeOverMinor: 15000, days: { min: 5, max: 10 } },
      { zone: 'European Union', countries: EU_COUNTRIES, baseMinor: 1999, perKgMinor: 600, freeOverMinor: 25000, days: { min: 7, max: 14 } },
      { zone: 'Rest of world', countries: ['*'], baseMinor: 2499, perKgMinor: 900, freeOverMinor: null, days: { min: 10, max: 21 } },
    ],
  },
  {
    name: 'Express',
    carrier: 'UPS',
    days: { min: 1, max: 3 },
    rates: [
      { zone: 'United States', countries: ['US'], baseMinor: 1499, perKgMinor: 250, freeOverMinor: null, days: { min: 1, max: 2 } },
      { zone: 'Canada and Mexico', countries: ['CA', 'MX'], baseMinor: 2999, perKgMinor: 700, freeOverMinor: null, days: { min: 2, max: 4 } },
      { zone: 'European Union', countries: EU_COUNTRIES, baseMinor: 3999, perKgMinor: 1000, freeOverMinor: null, days: { min: 3, max: 5 } },
      { zone: 'Rest of world', countries: ['*'], baseMinor: 4999, perKgMinor: 1500, freeOverMinor: null, days: { min: 3, max: 7 } },
    ],
  },
]
