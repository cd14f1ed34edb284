import type { AuthUser } from '../../platform/auth.ts'
import { NotFound } from '../../platform/errors.ts'
import { eventsOf } from './events.repo.ts'
import type { PaymentDeps } from './payment.deps.ts'
import type { PaymentDto } from './payment.dto.ts'
import { toPaymentDto } from './payment-view.ts'
import { findPayment } from './payments.repo.ts'
import { refundsOf } from './refunds.repo.ts'

/** One payment with its history; another customer's is 404, as if it did not exist. */
export async function getPaymentFor(deps: PaymentDeps, user: AuthUser, id: string): Promise<PaymentDto> {
  const payment = await findPayment(deps.db, id)
  if (!payment || (user.role !== 'admin' && payment.customerId !== user.id)) throw new NotFound('Payment')
  const [events, refunds] = await Promise.all([eventsOf(deps.db, [id]), refundsOf(deps.db, [id])])
  return toPaymentDto(payment, events.get(id) ?? [], refunds.get(id) ?? [])
}
