import { z } from 'zod'
import { Money } from '../../contracts/money.ts'
import { PageQuery } from '../../platform/pagination.ts'
import { checkCard } from './card.rules.ts'
import { PAYMENT_STATUSES } from './payment.rules.ts'

export const PaymentParams = z.object({ id: z.uuid() })

export const PaymentListQuery = PageQuery.extend({ orderId: z.uuid().optional() })
export type PaymentListQuery = z.infer<typeof PaymentListQuery>

/**
 * A card to tokenize. Checked here, at the edge: digits only once spaces are taken out, 12 to 19
 * of them, the Luhn check, an expiry not in the past, a 3 or 4 digit security code.
 */
export const CardBody = z
  .object({
    cardNumber: z.string().min(1).max(40).describe('The card number; spaces are allowed'),
    expMonth: z.number().int().min(1).max(12),
    expYear: z.number().int().min(2000).max(2100).describe('Four digits'),
    cvc: z.string().max(4).describe('3 or 4 digits'),
  })
  .superRefine((card, ctx) => {
    for (const error of checkCard(card)) ctx.addIssue({ code: 'custom', path: [error.path], message: error.message })
  })
export type CardBody = z.infer<typeof CardBody>

export const PaymentMethodDto = z.object({
  id: z.string().describe('Put this in payment.authorize as paymentMethodId'),
  brand: z.string(),
  last4: z.string(),
  expMonth: z.number().int(),
  expYear: z.number().int(),
  createdAt: z.iso.datetime(),
})
export type PaymentMethodDto = z.infer<typeof PaymentMethodDto>

export const RefundBody = z.object({
  amount: Money.extend({ amount: z.number().int().min(1).max(100_000_000_00) })
    .optional()
    .describe('Minor units and currency; without it, everything captured that is not refunded yet'),
  reason: z.string().trim().min(1).max(500).optional(),
})
export type RefundBody = z.infer<typeof RefundBody>

export const RefundDto = z.object({
  id: z.uuid(),
  paymentId: z.uuid(),
  amount: Money.nullable().describe('Null while a "the rest" refund has not run yet'),
  status: z.enum(['pending', 'succeeded', 'failed']),
  source: z.enum(['command', 'admin', 'void']),
  reason: z.string().nullable(),
  failureReason: z.string().nullable(),
  failureMessage: z.string().nullable(),
  createdAt: z.iso.datetime(),
})
export type RefundDto = z.infer<typeof RefundDto>

export const PaymentEventDto = z.object({
  type: z.string(),
  at: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()).optional(),
})

export const PaymentDto = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  status: z.enum(PAYMENT_STATUSES).describe('`pending` while the authorization is with the provider'),
  amount: Money,
  captured: Money,
  refunded: Money,
  provider: z.string(),
  method: z.object({ brand: z.string(), last4: z.string() }).nullable(),
  disputed: z.boolean(),
  failure: z.object({ reason: z.string(), message: z.string() }).nullable(),
  events: z.array(PaymentEventDto),
  refunds: z.array(RefundDto),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
})
export type PaymentDto = z.infer<typeof PaymentDto>

export const WebhookParams = z.object({ provider: z.string().min(1).max(40) })
export const WebhookAck = z.object({ received: z.literal(true), duplicate: z.boolean() })
