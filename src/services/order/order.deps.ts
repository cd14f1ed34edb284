import type { Outbox } from '../../platform/bus/outbox.ts'
import type { Config, ServiceName } from '../../platform/config.ts'
import type { Db } from '../../platform/db/db.ts'
import type { Logger } from '../../platform/log.ts'
import type { ServiceContext } from '../../platform/service.ts'

/** What ordering's use cases are handed. */
export interface OrderDeps {
  db: Db
  outbox: Outbox
  log: Logger
  settings: Config['order']
  /** The one currency the shop sells in. */
  currency: string
  /** Where the other services answer HTTP queries (never called inside a transaction). */
  urls: Readonly<Record<ServiceName, string>>
  /** How long a query to another service may take before the request answers 503. */
  httpTimeoutMs: number
}

/** A query to another service that has not answered in this long is given up: the client gets a 503 and may retry. */
export const HTTP_TIMEOUT_MS = 5_000

export function orderDeps(ctx: Pick<ServiceContext, 'db' | 'outbox' | 'log' | 'config' | 'urls'>): OrderDeps {
  return {
    db: ctx.db,
    outbox: ctx.outbox,
    log: ctx.log,
    settings: ctx.config.order,
    currency: ctx.config.currency,
    urls: ctx.urls,
    httpTimeoutMs: HTTP_TIMEOUT_MS,
  }
}
