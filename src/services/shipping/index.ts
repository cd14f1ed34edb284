import { productCreated, productUpdated } from '../../contracts/catalog.events.ts'
import { orderCancelled, orderConfirmed } from '../../contracts/order.events.ts'
import { on } from '../../platform/bus/consumer.ts'
import { loadMigrations } from '../../platform/db/migrate.ts'
import type { ServiceModule } from '../../platform/service.ts'
import { seedDefaultMethods } from './seed-methods.ts'
import { shipmentRoutes } from './shipments.routes.ts'
import { shippingDeps } from './shipping.deps.ts'
import { onOrderCancelled, onOrderConfirmed, onProductCreated, onProductUpdated } from './shipping.handlers.ts'
import { shippingRoutes } from './shipping.routes.ts'

export const shipping: ServiceModule = {
  name: 'shipping',
  schema: 'shipping',
  docs: {
    title: 'Emporium shipping service',
    description: 'Shipping methods with zone rates, quotes from catalog weights, and the shipments of confirmed orders with their tracking numbers.',
  },
  migrations: () => loadMigrations(new URL('./migrations/', import.meta.url)),
  subscriptions(ctx) {
    const deps = shippingDeps(ctx)
    return [
      on(productCreated, (msg, tx) => onProductCreated(msg, tx)),
      on(productUpdated, (msg, tx) => onProductUpdated(msg, tx)),
      on(orderConfirmed, (msg, tx) => onOrderConfirmed(msg, tx)),
      on(orderCancelled, (msg, tx) => onOrderCancelled(msg, tx, deps)),
    ]
  },
  routes(app, ctx) {
    const deps = shippingDeps(ctx)
    shippingRoutes(app, deps)
    shipmentRoutes(app, deps)
  },
  async start(ctx) {
    const created = await seedDefaultMethods(shippingDeps(ctx))
    if (created.length > 0) ctx.log.info({ methods: created }, 'seeded the default shipping methods')
  },
}
