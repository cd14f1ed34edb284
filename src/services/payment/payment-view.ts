import type { PaymentDto, PaymentMethodDto, RefundDto } from './payment.dto.ts'
import { moneyOf } from './payment.outbox.ts'
import type { PaymentEventRow, PaymentMethodRow, PaymentRow, RefundRow } from './payment.tables.ts'

function iso(value: Date | string): string {
  return new Date(value).toISOString()
}

export function toRefundDto(r: RefundRow): RefundDto {
  return {
    id: r.id,
    paymentId: r.paymentId,
    amount: r.amountMinor === null ? null : moneyOf(r.amountMinor, r.currency),
    status: r.status,
    source: r.source,
    reason: r.reason,
    failureReason: r.failureReason,
    failureMessage: r.failureMessage,
    createdAt: iso(r.createdAt),
  }
}

export function toPaymentDto(p: PaymentRow, events: readonly PaymentEventRow[], refunds: readonly RefundRow[]): PaymentDto {
  return {
    id: p.id,
    orderId: p.orderId,
    status: p.status,
    amount: moneyOf(p.amountMinor, p.currency),
    captured: moneyOf(p.capturedMinor, p.currency),
    refunded: moneyOf(p.refundedMinor, p.currency),
    provider: p.provider,
    method: p.cardBrand && p.cardLast4 ? { brand: p.cardBrand, last4: p.cardLast4 } : null,
    disputed: p.disputedAt !== null,
    failure: p.failureReason ? { reason: p.failureReason, message: p.failureMessage ?? '' } : null,
    events: events.map((e) => ({ type: e.type, at: iso(e.createdAt), ...(e.data ? { data: e.data } : {}) })),
    refunds: refunds.map(toRefundDto),
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  }
}

export function toMethodDto(m: PaymentMethodRow): PaymentMethodDto {
  return { id: m.id, brand: m.brand, last4: m.last4, expMonth: m.expMonth, expYear: m.expYear, createdAt: iso(m.createdAt) }
}
