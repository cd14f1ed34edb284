import { paymentAuthorize, paymentCapture, paymentRefund, paymentVoid } from '../../contracts/payment.messages.ts'
import { on } from '../../platform/bus/consumer.ts'
import { loadMigrations } from '../../platform/db/migrate.ts'
import type { App } from '../../platform/http.ts'
import type { ServiceContext, ServiceModule } from '../../platform/service.ts'
import { type PaymentModuleOptions, paymentDeps } from './payment.deps.ts'
import { onAuthorize, onCapture, onRefund, onVoid } from './payment.handlers.ts'
import { paymentRoutes } from './payment.routes.ts'
import { runAction } from './run-action.ts'
import { startWebhookDelivery } from './simulator-webhooks.ts'
import { webhookRoutes } from './webhook.routes.ts'

/**
 * The payment service, built with options (tests wrap the provider and shorten the clocks).
 * Handlers only record what is to be done; the worker calls the provider outside any transaction.
 */
export function createPaymentModule(options: PaymentModuleOptions = {}): ServiceModule {
  const apps = new WeakMap<ServiceContext, App>()
  return {
    name: 'payment',
    schema: 'payment',
    docs: {
      title: 'Emporium payment service',
      description:
        'Card tokenization, authorizations, captures, voids and refunds through a provider (the built-in simulator or Stripe), each provider call made once under an idempotency key derived from its command; signed provider webhooks; the payment history.',
    },
    migrations: () => loadMigrations(new URL('./migrations/', import.meta.url)),
    subscriptions(ctx) {
      const deps = paymentDeps(ctx, options)
      return [
        on(paymentAuthorize, (msg, tx) => onAuthorize(msg, tx, deps)),
        on(paymentCapture, (msg, tx) => onCapture(msg, tx, deps)),
        on(paymentVoid, (msg, tx) => onVoid(msg, tx, deps)),
        on(paymentRefund, (msg, tx) => onRefund(msg, tx, deps)),
      ]
    },
    async routes(app, ctx) {
      const deps = paymentDeps(ctx, options)
      paymentRoutes(app, deps)
      await webhookRoutes(app, deps)
      apps.set(ctx, app)
    },
    async start(ctx) {
      const deps = paymentDeps(ctx, options)
      const { concurrency, leaseMs, stopGraceMs } = deps.worker
      deps.actions.start({ concurrency, leaseMs, stopGraceMs, run: (action) => runAction(deps, action) })
      const app = apps.get(ctx)
      const simulator = deps.simulator
      // The simulator's webhooks come to this service's own endpoint, signed, through the whole HTTP stack.
      const stopDelivery =
        simulator && app
          ? startWebhookDelivery(
              simulator.webhooks,
              deps.db,
              async (body, headers) => (await app.inject({ method: 'POST', url: '/api/payments/webhooks/simulator', payload: body, headers })).statusCode,
              deps.config.payment.simulatorWebhookSecret,
              deps.log,
            )
          : undefined
      return async () => {
        await deps.actions.stop()
        await stopDelivery?.()
      }
    },
  }
}

export const payment: ServiceModule = createPaymentModule()
