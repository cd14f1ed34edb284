import { v7 as uuidv7 } from 'uuid'
import type { AuthUser } from '../../platform/auth.ts'
import { RuleViolation, ServiceUnavailable } from '../../platform/errors.ts'
import { normalizeCardNumber } from './card.rules.ts'
import { insertMethod } from './methods.repo.ts'
import type { PaymentDeps } from './payment.deps.ts'
import type { CardBody, PaymentMethodDto } from './payment.dto.ts'
import { asProviderError } from './payment-provider.ts'
import { toMethodDto } from './payment-view.ts'

/**
 * Tokenizes a card (already checked at the edge) with the provider and keeps the token for the
 * caller: only its id, brand, last four digits and expiry are stored, never the number. The order
 * service calls this with the customer's token before it places an order, so card numbers never
 * travel on the bus nor sit in its database.
 */
export async function createPaymentMethod(deps: PaymentDeps, user: AuthUser, card: CardBody): Promise<PaymentMethodDto> {
  let created
  try {
    created = await deps.provider.createPaymentMethod(
      { number: normalizeCardNumber(card.cardNumber), expMonth: card.expMonth, expYear: card.expYear, cvc: card.cvc },
      `method:${uuidv7()}`,
    )
  } catch (err) {
    const error = asProviderError(err)
    if (error.retryable) throw new ServiceUnavailable('The payment provider is not answering. Try again shortly.', 'payment_provider_unavailable')
    throw new RuleViolation(error.message, 'card_rejected')
  }
  const row = await insertMethod(deps.db, {
    id: created.id,
    customerId: user.id,
    provider: deps.provider.name,
    brand: created.brand,
    last4: created.last4,
    expMonth: created.expMonth,
    expYear: created.expYear,
  })
  return toMethodDto(row)
}
