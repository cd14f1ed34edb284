import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { App } from '../../platform/http.ts'
import type { PaymentDeps } from './payment.deps.ts'
import { WebhookAck, WebhookParams } from './payment.dto.ts'
import { receiveWebhook } from './receive-webhook.ts'

/**
 * Provider webhooks. The signature covers the exact bytes sent, so this scope has its own body
 * parser that keeps the raw body (a Buffer) whatever the content type; the rest of the service
 * keeps parsing JSON.
 */
export async function webhookRoutes(app: App, deps: PaymentDeps): Promise<void> {
  await app.register(async (parent) => {
    const scope = parent.withTypeProvider<ZodTypeProvider>()
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))
    scope.post(
      '/api/payments/webhooks/:provider',
      {
        schema: {
          tags: ['payments'],
          summary: 'Signed provider webhooks (simulator: Simulator-Signature, stripe: Stripe-Signature); unsigned or badly signed → 400',
          description:
            'Each event is applied once by its provider event id (a redelivery answers duplicate: true). charge.dispute.created marks the payment disputed and emits payment.disputed; charge.refunded and payment_intent.canceled are recorded in the history.',
          params: WebhookParams,
          response: { 200: WebhookAck },
        },
      },
      async (req) => receiveWebhook(deps, req.params.provider, Buffer.isBuffer(req.body) ? req.body : undefined, req.headers),
    )
  })
}
