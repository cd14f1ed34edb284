import type { Outbox } from '../../platform/bus/outbox.ts'
import type { Config } from '../../platform/config.ts'
import type { Db } from '../../platform/db/db.ts'
import type { Logger } from '../../platform/log.ts'
import type { ServiceContext } from '../../platform/service.ts'

/** What inventory's use cases are handed. */
export interface InventoryDeps {
  db: Db
  outbox: Outbox
  log: Logger
  settings: Config['inventory']
}

export function inventoryDeps(ctx: Pick<ServiceContext, 'db' | 'outbox' | 'log' | 'config'>): InventoryDeps {
  return { db: ctx.db, outbox: ctx.outbox, log: ctx.log, settings: ctx.config.inventory }
}
