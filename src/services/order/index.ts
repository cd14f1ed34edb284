import {
  inventoryCommitFailed,
  inventoryCommitted,
  inventoryReleased,
  inventoryReservationFailed,
  inventoryReserved,
  inventoryRestocked,
} from '../../contracts/inventory.messages.ts'
import {
  paymentAuthorized,
  paymentCaptured,
  paymentCaptureFailed,
  paymentDisputed,
  paymentFailed,
  paymentRefunded,
  paymentRefundFailed,
  paymentVoided,
} from '../../contracts/payment.messages.ts'
import { shipmentDelivered, shipmentShipped } from '../../contracts/shipping.events.ts'
import { on } from '../../platform/bus/consumer.ts'
import { loadMigrations } from '../../platform/db/migrate.ts'
import type { ServiceModule } from '../../platform/service.ts'
import { adminRoutes } from './admin.routes.ts'
import { orderDeps } from './order.deps.ts'
import * as h from './order.handlers.ts'
import { orderRoutes } from './order.routes.ts'
import { startDeadlineSweeper } from './sweep-deadlines.ts'

export const order: ServiceModule = {
  name: 'order',
  schema: 'ordering',
  docs: {
    title: 'Emporium order service',
    description:
      'Checkout and the saga that carries an order from pending to confirmed or cancelled (stock, then payment, each step with a deadline), customer cancels, shipment news, returns and refunds, and the admin dashboard.',
  },
  migrations: () => loadMigrations(new URL('./migrations/', import.meta.url)),
  subscriptions(ctx) {
    const deps = orderDeps(ctx)
    return [
      on(inventoryReserved, (msg, tx) => h.onInventoryReserved(msg, tx, deps)),
      on(inventoryReservationFailed, (msg, tx) => h.onInventoryReservationFailed(msg, tx, deps)),
      on(inventoryCommitted, (msg, tx) => h.onInventoryCommitted(msg, tx, deps)),
      on(inventoryCommitFailed, (msg, tx) => h.onInventoryCommitFailed(msg, tx, deps)),
      on(inventoryReleased, (msg, tx) => h.onInventoryReleased(msg, tx, deps)),
      on(inventoryRestocked, (msg, tx) => h.onInventoryRestocked(msg, tx, deps)),
      on(paymentAuthorized, (msg, tx) => h.onPaymentAuthorized(msg, tx, deps)),
      on(paymentFailed, (msg, tx) => h.onPaymentFailed(msg, tx, deps)),
      on(paymentCaptured, (msg, tx) => h.onPaymentCaptured(msg, tx, deps)),
      on(paymentCaptureFailed, (msg, tx) => h.onPaymentCaptureFailed(msg, tx, deps)),
      on(paymentVoided, (msg, tx) => h.onPaymentVoided(msg, tx, deps)),
      on(paymentRefunded, (msg, tx) => h.onPaymentRefunded(msg, tx, deps)),
      on(paymentRefundFailed, (msg, tx) => h.onPaymentRefundFailed(msg, tx, deps)),
      on(paymentDisputed, (msg, tx) => h.onPaymentDisputed(msg, tx, deps)),
      on(shipmentShipped, (msg, tx) => h.onShipmentShipped(msg, tx, deps)),
      on(shipmentDelivered, (msg, tx) => h.onShipmentDelivered(msg, tx, deps)),
    ]
  },
  routes(app, ctx) {
    const deps = orderDeps(ctx)
    orderRoutes(app, deps)
    adminRoutes(app, deps)
  },
  async start(ctx) {
    return startDeadlineSweeper(orderDeps(ctx), ctx.config.order.sweepIntervalMs)
  },
}
