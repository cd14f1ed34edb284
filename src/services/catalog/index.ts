import { inventoryChanged } from '../../contracts/inventory.messages.ts'
import { orderDelivered } from '../../contracts/order.events.ts'
import { on } from '../../platform/bus/consumer.ts'
import { loadMigrations } from '../../platform/db/migrate.ts'
import type { ServiceModule } from '../../platform/service.ts'
import { catalogDeps } from './catalog.deps.ts'
import { onInventoryChanged, onOrderDelivered } from './catalog.handlers.ts'
import { categoryRoutes } from './categories.routes.ts'
import { productRoutes } from './products.routes.ts'
import { reviewRoutes } from './reviews.routes.ts'

export const catalog: ServiceModule = {
  name: 'catalog',
  schema: 'catalog',
  docs: {
    title: 'Emporium catalog service',
    description: 'Categories, products with variants, search with facets and typo tolerance, reviews, and availability as inventory reports it.',
  },
  migrations: () => loadMigrations(new URL('./migrations/', import.meta.url)),
  subscriptions: (ctx) => {
    const deps = catalogDeps(ctx)
    return [on(inventoryChanged, (msg, tx) => onInventoryChanged(deps, msg, tx)), on(orderDelivered, onOrderDelivered)]
  },
  routes(app, ctx) {
    const deps = catalogDeps(ctx)
    categoryRoutes(app, deps)
    productRoutes(app, deps)
    reviewRoutes(app, deps)
  },
}
