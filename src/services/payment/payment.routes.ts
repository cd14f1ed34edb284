import { bearerSecurity, requireAdmin, requireUser, userOf } from '../../platform/auth.ts'
import type { App } from '../../platform/http.ts'
import { ListOf } from '../../platform/pagination.ts'
import { createPaymentMethod } from './create-payment-method.ts'
import { getPaymentFor } from './get-payment.ts'
import { listPaymentsFor } from './list-payments.ts'
import type { PaymentDeps } from './payment.deps.ts'
import { CardBody, PaymentDto, PaymentListQuery, PaymentMethodDto, PaymentParams, RefundBody, RefundDto } from './payment.dto.ts'
import { refundPayment } from './refund-payment.ts'

const tags = ['payments']

export function paymentRoutes(app: App, deps: PaymentDeps): void {
  app.post(
    '/api/payments/methods',
    {
      preHandler: [requireUser, app.idempotency.optional],
      schema: {
        tags,
        summary: 'Tokenize a card for the caller; the returned id is what payment.authorize carries',
        description:
          'The number is checked here (digits after removing spaces, 12–19 of them, Luhn, expiry not past, 3–4 digit cvc; 400 with errors[] otherwise), sent to the provider once, and never stored. 422 when the provider refuses the card, 503 when it does not answer.',
        security: bearerSecurity,
        body: CardBody,
        response: { 201: PaymentMethodDto },
      },
    },
    async (req, reply) => reply.code(201).send(await createPaymentMethod(deps, userOf(req), req.body)),
  )

  app.get(
    '/api/payments',
    {
      preHandler: requireUser,
      schema: {
        tags,
        summary: "The caller's payments, newest first (an admin sees all), optionally of one order",
        security: bearerSecurity,
        querystring: PaymentListQuery,
        response: { 200: ListOf(PaymentDto) },
      },
    },
    async (req) => listPaymentsFor(deps, userOf(req), req.query),
  )

  app.get(
    '/api/payments/:id',
    {
      preHandler: requireUser,
      schema: {
        tags,
        summary: 'A payment with its history (every state change, provider attempt and webhook) and refunds; another customer’s is 404',
        security: bearerSecurity,
        params: PaymentParams,
        response: { 200: PaymentDto },
      },
    },
    async (req) => getPaymentFor(deps, userOf(req), req.params.id),
  )

  app.post(
    '/api/payments/:id/refunds',
    {
      preHandler: [requireAdmin, app.idempotency.required],
      schema: {
        tags,
        summary: 'Refund part or (without an amount) the rest of a captured payment',
        description:
          'Needs an Idempotency-Key: a retry with the same key and body gets the same refund. 201 once the provider has answered (status succeeded or failed), 202 with status pending if it is still working; 422 when the amount is more than was captured and not yet refunded, or nothing was captured. Emits payment.refunded.',
        security: bearerSecurity,
        params: PaymentParams,
        body: RefundBody.optional(),
        response: { 201: RefundDto, 202: RefundDto },
      },
    },
    async (req, reply) => {
      const { code, refund } = await refundPayment(deps, userOf(req), req.params.id, req.body ?? {})
      return reply.code(code).send(refund)
    },
  )
}
