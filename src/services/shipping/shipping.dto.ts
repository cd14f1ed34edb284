import { z } from 'zod'
import { Money } from '../../contracts/money.ts'
import { MAX_MONEY_MINOR } from './shipping.rules.ts'

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Text PostgreSQL can store: no NUL characters and no unpaired surrogates. */
export function text() {
  return z.string().refine((s) => !s.includes('\u0000') && !LONE_SURROGATE.test(s), 'Must be text without NUL characters or unpaired surrogates')
}

/** The longest delivery estimate a method may promise, in days. */
export const MAX_DAYS = 365

export const Days = z
  .object({
    min: z.number().int().min(0).max(MAX_DAYS),
    max: z.number().int().min(0).max(MAX_DAYS),
  })
  .refine((d) => d.min <= d.max, { message: 'min must not be greater than max', path: ['max'] })
  .describe('Business days from hand-over to delivery')
export type Days = z.infer<typeof Days>

/** An ISO 3166-1 alpha-2 code in either case, upper-cased. */
export const Country = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'An ISO 3166-1 alpha-2 country code, like "US"')
  .transform((c) => c.toUpperCase())

/** A zone's country: an ISO code, or `*` for the rest of the world. */
const ZoneCountry = z
  .string()
  .trim()
  .regex(/^([A-Za-z]{2}|\*)$/, 'An ISO 3166-1 alpha-2 country code like "US", or "*" for the rest of the world')
  .transform((c) => c.toUpperCase())

export const IdParams = z.object({ id: z.uuid() })

export const EstimatedDays = z.object({ min: z.number().int(), max: z.number().int() })

/** Request schemas that know the shop currency: a price in another currency is a 400 naming its field. */
export function methodSchemas(currency: string) {
  const Price = z
    .object({
      amount: z.number().int().min(0).max(MAX_MONEY_MINOR),
      currency: z.literal(currency, { error: `Prices are in the shop currency, ${currency}.` }),
    })
    .describe(`Integer minor units in ${currency}`)

  const RateInput = z.object({
    zone: text().trim().min(1).max(100).describe('The zone\'s name, e.g. "EU"'),
    countries: z.array(ZoneCountry).min(1).max(300).describe('ISO country codes; "*" serves every country no other zone names'),
    base: Price,
    perKg: Price.describe('Added per kilogram of the parcel, rounded up to the minor unit'),
    freeOver: Price.nullable().optional().describe('An order subtotal at or above this ships free'),
    estimatedDays: Days.nullable().optional().describe("This zone's estimate, when it differs from the method's"),
  })

  const Name = text().trim().min(1).max(100)
  const Rates = z.array(RateInput).min(1).max(50).describe('Replaced as a whole; a country may be in one zone only (422)')

  const MethodBody = z.object({
    name: Name,
    carrier: Name.describe('e.g. "USPS", "UPS", "DHL"; shapes the tracking numbers of its shipments'),
    active: z.boolean().default(true),
    estimatedDays: Days,
    rates: Rates,
  })

  const MethodPatch = z
    .object({ name: Name, carrier: Name, active: z.boolean(), estimatedDays: Days, rates: Rates })
    .partial()
    .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'Name at least one field to change' })

  return { MethodBody, MethodPatch }
}
export type MethodSchemas = ReturnType<typeof methodSchemas>
export type MethodBody = z.infer<MethodSchemas['MethodBody']>
export type MethodPatch = z.infer<MethodSchemas['MethodPatch']>
export type RateInput = MethodBody['rates'][number]

export const RateDto = z.object({
  zone: z.string(),
  countries: z.array(z.string()),
  base: Money,
  perKg: Money,
  freeOver: Money.nullable(),
  estimatedDays: EstimatedDays.nullable(),
})
export type RateDto = z.infer<typeof RateDto>

/** A method as anyone sees it; admins also get `active`, its rates and times. */
export const MethodDto = z.object({
  id: z.uuid(),
  name: z.string(),
  carrier: z.string(),
  estimatedDays: EstimatedDays,
  active: z.boolean().optional(),
  rates: z.array(RateDto).optional(),
  createdAt: z.iso.datetime().optional(),
  updatedAt: z.iso.datetime().optional(),
})
export type MethodDto = z.infer<typeof MethodDto>

export const MethodListQuery = z.object({
  includeInactive: z.enum(['true', 'false']).optional().describe('Admins only: inactive methods too'),
})

export const MethodList = z.array(MethodDto)

/** The most units of one line a quote weighs. */
export const MAX_QUOTE_QUANTITY = 10_000
/** The most lines one quote weighs (a cart holds far fewer). */
export const MAX_QUOTE_LINES = 500

export const QuoteBody = z.object({
  address: z.object({
    country: Country,
    postalCode: text().trim().min(1).max(20),
  }),
  items: z
    .array(z.object({ variantId: z.uuid(), quantity: z.number().int().min(1).max(MAX_QUOTE_QUANTITY) }))
    .min(1)
    .max(MAX_QUOTE_LINES),
})
export type QuoteBody = z.infer<typeof QuoteBody>

export const QuoteDto = z.object({
  methodId: z.uuid(),
  name: z.string(),
  carrier: z.string(),
  price: Money,
  estimatedDays: EstimatedDays,
  zone: z.string().describe('The zone of the method that serves the address'),
})
export type QuoteDto = z.infer<typeof QuoteDto>
