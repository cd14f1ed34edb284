import type { Outbox } from '../../platform/bus/outbox.ts'
import type { Db } from '../../platform/db/db.ts'
import type { Logger } from '../../platform/log.ts'
import type { ServiceContext } from '../../platform/service.ts'

/** What shipping's use cases are handed. */
export interface ShippingDeps {
  db: Db
  outbox: Outbox
  log: Logger
  /** The shop currency: every rate is set in it. */
  currency: string
}

export function shippingDeps(ctx: Pick<ServiceContext, 'db' | 'outbox' | 'log' | 'config'>): ShippingDeps {
  return { db: ctx.db, outbox: ctx.outbox, log: ctx.log, currency: ctx.config.currency }
}
