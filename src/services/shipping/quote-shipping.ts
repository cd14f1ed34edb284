import type { FieldError } from '../../platform/errors.ts'
import { RuleViolation } from '../../platform/errors.ts'
import { listMethodsWithRates } from './methods.repo.ts'
import type { ShippingDeps } from './shipping.deps.ts'
import type { QuoteBody, QuoteDto } from './shipping.dto.ts'
import { compareQuotes, estimateFor, MAX_MONEY_MINOR, parcelOf, shippingPrice, zoneFor } from './shipping.rules.ts'
import { findVariants } from './variants.repo.ts'

/**
 * What each active method charges to ship these items to this country, cheapest first. Weights
 * and prices come from shipping's own copy of the catalog (product events), never from the client.
 * An unknown variant is 422 naming each; a country no zone serves gets an empty list.
 */
export async function quoteShipping(deps: ShippingDeps, body: QuoteBody): Promise<QuoteDto[]> {
  const known = await findVariants(
    deps.db,
    body.items.map((i) => i.variantId),
  )
  const errors: FieldError[] = body.items.flatMap((item, i) =>
    known.has(item.variantId) ? [] : [{ path: `items.${i}.variantId`, message: `Unknown variant ${item.variantId}` }],
  )
  if (errors.length > 0) throw new RuleViolation('Some items are not known to shipping.', 'unknown_variant', errors)

  const parcel = parcelOf(
    body.items.map((item) => {
      const variant = known.get(item.variantId)
      return { quantity: item.quantity, weightGrams: variant?.weightGrams ?? 0, priceMinor: variant?.priceMinor ?? 0 }
    }),
  )
  const quotes: Array<QuoteDto & { priceMinor: number }> = []
  for (const method of await listMethodsWithRates(deps.db, { includeInactive: false })) {
    const rate = zoneFor(method.rates, body.address.country)
    if (!rate) continue
    const price = shippingPrice(rate, parcel)
    if (price > BigInt(MAX_MONEY_MINOR)) {
      throw new RuleViolation(`Shipping these items by ${method.name} would cost more than any price can be.`, 'parcel_too_heavy')
    }
    const priceMinor = Number(price)
    const estimatedDays = estimateFor(
      { min: method.minDays, max: method.maxDays },
      rate.minDays === null || rate.maxDays === null ? null : { min: rate.minDays, max: rate.maxDays },
    )
    quotes.push({ methodId: method.id, name: method.name, carrier: method.carrier, price: { amount: priceMinor, currency: rate.currency }, estimatedDays, zone: rate.zone, priceMinor })
  }
  return quotes.sort(compareQuotes).map(({ priceMinor: _priceMinor, ...quote }) => quote)
}
