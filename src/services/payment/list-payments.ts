import type { AuthUser } from '../../platform/auth.ts'
import { pageOf } from '../../platform/pagination.ts'
import { eventsOf } from './events.repo.ts'
import type { PaymentDeps } from './payment.deps.ts'
import type { PaymentDto, PaymentListQuery } from './payment.dto.ts'
import { toPaymentDto } from './payment-view.ts'
import { listPayments } from './payments.repo.ts'
import { refundsOf } from './refunds.repo.ts'

/** The caller's payments, newest first (an admin sees everyone's), optionally those of one order. */
export async function listPaymentsFor(
  deps: PaymentDeps,
  user: AuthUser,
  query: PaymentListQuery,
): Promise<{ items: PaymentDto[]; total: number; page: number; pageSize: number }> {
  const page = pageOf(query)
  const { rows, total } = await listPayments(deps.db, { customerId: user.role === 'admin' ? undefined : user.id, orderId: query.orderId }, page)
  const ids = rows.map((r) => r.id)
  const [events, refunds] = await Promise.all([eventsOf(deps.db, ids), refundsOf(deps.db, ids)])
  return {
    items: rows.map((r) => toPaymentDto(r, events.get(r.id) ?? [], refunds.get(r.id) ?? [])),
    total,
    page: page.page,
    pageSize: page.pageSize,
  }
}
