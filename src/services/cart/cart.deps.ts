import type { Db } from '../../platform/db/db.ts'
import type { RedisKv } from '../../platform/kv/redis.ts'
import type { Logger } from '../../platform/log.ts'
import type { ServiceContext } from '../../platform/service.ts'
import type { CartStore } from './cart-store.ts'
import { RedisCartStore } from './redis-cart-store.ts'
import { SqlCartStore } from './sql-cart-store.ts'

const DAY_MS = 24 * 60 * 60 * 1000

/** What the cart's use cases are handed. */
export interface CartDeps {
  /** The read model (variants, stock) and the wishlist, in every mode. */
  db: Db
  log: Logger
  /** Where carts live: SQL in the embedded mode, Redis in the distributed mode. */
  store: CartStore
  /** The shop's currency: a cart's subtotal is in it. */
  currency: string
  /** How long an idle cart is kept. */
  ttlMs: number
  /** The longest an order's checkout holds the cart. */
  checkoutHoldMs: number
}

const byContext = new WeakMap<ServiceContext, CartDeps>()

/** One set per running cart service: routes, handlers and the sweeper share its store. */
export function cartDeps(ctx: Pick<ServiceContext, 'db' | 'log' | 'config' | 'kv'>): CartDeps {
  const known = byContext.get(ctx as ServiceContext)
  if (known) return known
  const ttlMs = ctx.config.cart.ttlDays * DAY_MS
  const deps: CartDeps = {
    db: ctx.db,
    log: ctx.log,
    store: openCartStore(ctx, ttlMs),
    currency: ctx.config.currency,
    ttlMs,
    checkoutHoldMs: ctx.config.cart.checkoutHoldSeconds * 1000,
  }
  byContext.set(ctx as ServiceContext, deps)
  return deps
}

/** Redis when the service was handed Redis (distributed mode), the service's own tables otherwise. */
export function openCartStore(ctx: Pick<ServiceContext, 'db' | 'log' | 'kv'>, ttlMs: number): CartStore {
  if (ctx.kv.kind === 'redis') return new RedisCartStore((ctx.kv as RedisKv).redis, ttlMs, ctx.log)
  return new SqlCartStore(ctx.db, ttlMs)
}
