import { productCreated, productDeleted, productUpdated } from '../../contracts/catalog.events.ts'
import { inventoryCommit, inventoryRelease, inventoryReserve, inventoryRestock } from '../../contracts/inventory.messages.ts'
import { on } from '../../platform/bus/consumer.ts'
import { loadMigrations } from '../../platform/db/migrate.ts'
import type { ServiceModule } from '../../platform/service.ts'
import { inventoryDeps } from './inventory.deps.ts'
import { onCommit, onProductCreated, onProductDeleted, onProductUpdated, onRelease, onReserve, onRestock } from './inventory.handlers.ts'
import { inventoryRoutes } from './inventory.routes.ts'
import { startSweeper } from './sweep-expired.ts'

export const inventory: ServiceModule = {
  name: 'inventory',
  schema: 'inventory',
  docs: {
    title: 'Emporium inventory service',
    description: 'Stock levels per sku, the movement ledger, and all-or-none reservations for the checkout saga, released when they expire.',
  },
  migrations: () => loadMigrations(new URL('./migrations/', import.meta.url)),
  subscriptions(ctx) {
    const deps = inventoryDeps(ctx)
    return [
      on(productCreated, (msg, tx) => onProductCreated(msg, tx, deps)),
      on(productUpdated, (msg, tx) => onProductUpdated(msg, tx, deps)),
      on(productDeleted, (msg, tx) => onProductDeleted(msg, tx, deps)),
      on(inventoryReserve, (msg, tx) => onReserve(msg, tx, deps)),
      on(inventoryCommit, (msg, tx) => onCommit(msg, tx, deps)),
      on(inventoryRelease, (msg, tx) => onRelease(msg, tx, deps)),
      on(inventoryRestock, (msg, tx) => onRestock(msg, tx, deps)),
    ]
  },
  routes(app, ctx) {
    inventoryRoutes(app, inventoryDeps(ctx))
  },
  async start(ctx) {
    return startSweeper(inventoryDeps(ctx), ctx.config.inventory.sweepIntervalMs)
  },
}
