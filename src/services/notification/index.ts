import { userPasswordResetRequested, userRegistered, userVerificationRequested } from '../../contracts/identity.events.ts'
import { inventoryLowStock } from '../../contracts/inventory.messages.ts'
import { orderCancelled, orderConfirmed, orderDelivered, orderShipped } from '../../contracts/order.events.ts'
import { paymentRefunded } from '../../contracts/payment.messages.ts'
import { on } from '../../platform/bus/consumer.ts'
import { loadMigrations } from '../../platform/db/migrate.ts'
import type { ServiceModule } from '../../platform/service.ts'
import { startDeliveryWorker } from './deliver-notifications.ts'
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
      on(userRegistered, (msg, tx) => onUserRegistered(msg, tx, deps)),
      on(userVerificationRequested, (msg, tx) => onVerificationRequested(msg, tx, deps)),
      on(userPasswordResetRequested, (msg, tx) => onPasswordResetRequested(msg, tx, deps)),
      on(orderConfirmed, (msg, tx) => onOrderConfirmed(msg, tx, deps)),
      on(orderCancelled, (msg, tx) => onOrderCancelled(msg, tx, deps)),
      on(orderShipped, (msg, tx) => onOrderShipped(msg, tx, deps)),
      on(orderDelivered, (msg, tx) => onOrderDelivered(msg, tx, deps)),
      on(paymentRefunded, (msg, tx) => onPaymentRefunded(msg, tx, deps)),
      on(inventoryLowStock, (msg, tx) => onLowStock(msg, tx, deps)),
    ]
  },
  routes(app, ctx) {
    notificationRoutes(app, notificationDeps(ctx))
  },
  async start(ctx) {
    return startDeliveryWorker(notificationDeps(ctx))
  },
}
