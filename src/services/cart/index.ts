import { productCreated, productDeleted, productUpdated } from '../../contracts/catalog.events.ts'
import { inventoryChanged } from '../../contracts/inventory.messages.ts'
import { orderCancelled, orderConfirmed } from '../../contracts/order.events.ts'
import { on } from '../../platform/bus/consumer.ts'
import { loadMigrations } from '../../platform/db/migrate.ts'
import type { ServiceModule } from '../../platform/service.ts'
import { cartDeps } from './cart.deps.ts'
import { onInventoryChanged, onOrderCancelled, onOrderConfirmed, onProductDeleted, onProductSnapshot } from './cart.handlers.ts'
import { cartRoutes } from './cart.routes.ts'
import { startCartSweeper } from './sweep-carts.ts'
import { wishlistRoutes } from './wishlist.routes.ts'

export const cart: ServiceModule = {
  name: 'cart',
  schema: 'cart',
  docs: {
    title: 'Emporium cart service',
    description:
      'Guest and customer carts priced from the current catalog, merged at sign-in, trimmed when an order is confirmed and restored when it is cancelled; and the wishlist.',
  },
  migrations: () => loadMigrations(new URL('./migrations/', import.meta.url)),
  subscriptions(ctx) {
    const deps = cartDeps(ctx)
    return [
      on(productCreated, (msg, tx) => onProductSnapshot(msg, tx, deps)),
      on(productUpdated, (msg, tx) => onProductSnapshot(msg, tx, deps)),
      on(productDeleted, (msg, tx) => onProductDeleted(msg, tx, deps)),
      on(inventoryChanged, (msg, tx) => onInventoryChanged(msg, tx, deps)),
      on(orderConfirmed, (msg, tx) => onOrderConfirmed(msg, tx, deps)),
      on(orderCancelled, (msg, tx) => onOrderCancelled(msg, tx, deps)),
    ]
  },
  routes(app, ctx) {
    const deps = cartDeps(ctx)
    cartRoutes(app, deps)
    wishlistRoutes(app, deps)
  },
  async start(ctx) {
    return startCartSweeper(cartDeps(ctx))
  },
}
