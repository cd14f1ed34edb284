import type { Outbox } from '../../platform/bus/outbox.ts'
import type { Config } from '../../platform/config.ts'
import type { Db } from '../../platform/db/db.ts'
import type { Kv } from '../../platform/kv/kv.ts'
import type { Logger } from '../../platform/log.ts'
import type { ServiceContext } from '../../platform/service.ts'
import { type SigningKeys, signingKeysFor } from './signing-keys.ts'

/** What identity's use cases are handed. */
export interface IdentityDeps {
  db: Db
  outbox: Outbox
  kv: Kv
  log: Logger
  config: Config
  keys: SigningKeys
}

export function identityDeps(ctx: Omit<ServiceContext, 'tokens'>): IdentityDeps {
  return { db: ctx.db, outbox: ctx.outbox, kv: ctx.kv, log: ctx.log, config: ctx.config, keys: signingKeysFor(ctx.db, ctx.config.auth) }
}
