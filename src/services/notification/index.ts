import { userPasswordResetRequested, userRegistered, userVerificationRequested } from '../../contracts/identity.events.ts'
import { inventoryLowStock } from '../../contracts/inventory.messages.ts'
import { orderCancelled, orderConfirmed, orderDelivered, orderShipped } from '../../contracts/order.events.ts'
import { paymentRefunded } from '../../contracts/payment.messages.ts'
import { on } from '../../platform/bus/consumer.ts'
import { loadMigrations } from '../../platform/db/migrate.ts'
import type { ServiceModule } from '../../platform/service.ts'
import { DELIVERY_DEFAULTS, startDeliveryWorker } from './deliver-notifications.ts'
import { notificationDeps } from './notification.deps.ts'
import {
  onLowStock,
  onOrderCancelled,
  onOrderConfirmed,
  onOrderDelivered,
  onOrderShipped,
  onPasswordResetRequested,
  onPaymentRefunded,
  onUserRegistered,
  onVerificationRequested,
} from './notification.handlers.ts'
import { notificationRoutes } from './notification.routes.ts'

/** How often the delivery worker looks for due messages when no commit has woken it. */
const DELIVERY_POLL_MS = 1000

export const notification: ServiceModule = {
  name: 'notification',
  schema: 'notification',
  docs: {
    title: 'Emporium notification service',
    description:
      'Messages sent to customers and admins: rendered from account, order, payment and stock events, kept as each person\'s inbox, and delivered by email with retries.',
  },
  migrations: () => loadMigrations(new URL('./migrations/', import.meta.url)),
  subscriptions(ctx) {
    const deps = notificationDeps(ctx)
    return [
      on(userRegistered, onUserRegistered),
      on(userVerificationRequested, onVerificationRequested),
      on(userPasswordResetRequested, onPasswordResetRequested),
      on(orderConfirmed, onOrderConfirmed),
      on(orderCancelled, onOrderCancelled),
      on(orderShipped, onOrderShipped),
      on(orderDelivered, onOrderDelivered),
      on(paymentRefunded, onPaymentRefunded),
      on(inventoryLowStock, (msg, tx) => onLowStock(msg, tx, deps)),
    ]
  },
  routes(app, ctx) {
    notificationRoutes(app, notificationDeps(ctx))
  },
  async start(ctx) {
    const worker = startDeliveryWorker(notificationDeps(ctx), { ...DELIVERY_DEFAULTS, pollMs: DELIVERY_POLL_MS })
    ctx.onCommit(() => worker.wake())
    return () => worker.stop()
  },
}
