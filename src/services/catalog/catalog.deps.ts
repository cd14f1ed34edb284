import type { Outbox } from '../../platform/bus/outbox.ts'
import type { Config } from '../../platform/config.ts'
import type { Db } from '../../platform/db/db.ts'
import type { Logger } from '../../platform/log.ts'
import type { ServiceContext } from '../../platform/service.ts'
import { AnswerCache } from './catalog.cache.ts'

/** How many computed public answers one catalog process keeps. */
export const ANSWER_CACHE_ENTRIES = 2_000

/** What the catalog's use cases are handed. */
export interface CatalogDeps {
  db: Db
  outbox: Outbox
  log: Logger
  config: Config
  /** Computed public answers of this process; every write this process makes clears it. */
  answers: AnswerCache
}

const byContext = new WeakMap<ServiceContext, CatalogDeps>()

/** One set per running catalog: its routes and its message handlers share the answer cache. */
export function catalogDeps(ctx: ServiceContext): CatalogDeps {
  let deps = byContext.get(ctx)
  if (!deps) {
    deps = {
      db: ctx.db,
      outbox: ctx.outbox,
      log: ctx.log,
      config: ctx.config,
      answers: new AnswerCache({ maxEntries: ANSWER_CACHE_ENTRIES, ttlMs: ctx.config.catalog.cacheSeconds * 1000 }),
    }
    byContext.set(ctx, deps)
  }
  return deps
}
