import type { Redis } from 'ioredis'
import { v7 as uuidv7 } from 'uuid'
import { AppError, ServiceUnavailable } from '../../platform/errors.ts'
import type { Logger } from '../../platform/log.ts'
import type { AddOutcome, CartOwner, CartStore, ClaimOutcome, MergeOutcome, StoredCart, StoredLine, VariantQuantity } from './cart-store.ts'
import { MAX_LINE_QUANTITY, restoredQuantity, sumByVariant } from './cart.rules.ts'
import { ADD_LINE, CLAIM, MERGE, RELEASE, REMOVE_LINE, REMOVE_ORDERED, RESTORE_ORDERED, SET_LINE } from './redis-cart.scripts.ts'

type Args = Array<string | number>
type Reply = string[]

interface CartCommands {
  cartAddLine(key: string, ...args: Args): Promise<Reply>
  cartSetLine(key: string, ...args: Args): Promise<Reply>
  cartRemoveLine(key: string, ...args: Args): Promise<Reply>
  cartMerge(guestKey: string, customerKey: string, ...args: Args): Promise<Reply>
  cartRemoveOrdered(cartKey: string, effectsKey: string, ...args: Args): Promise<string>
  cartRestoreOrdered(cartKey: string, effectsKey: string, ...args: Args): Promise<string>
  cartClaim(key: string, ...args: Args): Promise<Reply>
  cartRelease(key: string, ...args: Args): Promise<string>
}

const SCRIPTS: Array<[keyof CartCommands, number, string]> = [
  ['cartAddLine', 1, ADD_LINE],
  ['cartSetLine', 1, SET_LINE],
  ['cartRemoveLine', 1, REMOVE_LINE],
  ['cartMerge', 2, MERGE],
  ['cartRemoveOrdered', 2, REMOVE_ORDERED],
  ['cartRestoreOrdered', 2, RESTORE_ORDERED],
  ['cartClaim', 1, CLAIM],
  ['cartRelease', 1, RELEASE],
]

/** Defines the scripts on the client once (they are sent by SHA, falling back to the source). */
function withCartCommands(redis: Redis): Redis & CartCommands {
  for (const [name, numberOfKeys, lua] of SCRIPTS) {
    if (typeof (redis as unknown as Record<string, unknown>)[name] !== 'function') redis.defineCommand(name, { numberOfKeys, lua })
  }
  return redis as Redis & CartCommands
}

/**
 * Carts in Redis (the distributed mode): one hash per cart (see redis-cart.scripts.ts) under
 * `cart:g:<id>` for a guest and `cart:c:<customerId>` for a customer, plus `cart:o:<customerId>`
 * recording which orders already changed that customer's cart. Each change is one Lua script,
 * so it is atomic; Redis expires idle carts by itself. Keys are namespaced by the client's prefix.
 */
export class RedisCartStore implements CartStore {
  private readonly redis: Redis & CartCommands

  constructor(
    redis: Redis,
    private readonly ttlMs: number,
    private readonly log?: Logger,
  ) {
    this.redis = withCartCommands(redis)
  }

  /** Redis holds no database lock, so a transaction changes nothing here. */
  within(): CartStore {
    return this
  }

  async find(owner: CartOwner): Promise<StoredCart | undefined> {
    const key = keyOf(owner)
    if (!key) return undefined
    return this.guard(async () => this.parse(flatten(await this.redis.hgetall(key))))
  }

  async addLine(owner: CartOwner, line: VariantQuantity & { limit: number }): Promise<AddOutcome> {
    return this.guard(async () => {
      const attempt = (key: string, create: boolean, newId: string, customerId: string) =>
        this.redis.cartAddLine(key, create ? '1' : '0', newId, customerId, line.variantId, line.quantity, line.limit, Date.now(), this.ttlMs)
      let reply: Reply
      if (owner.kind === 'customer') {
        reply = await attempt(customerKey(owner.customerId), true, uuidv7(), owner.customerId)
      } else {
        reply = owner.cartId ? await attempt(guestKey(owner.cartId), false, owner.cartId, '') : ['missing']
        if (reply[0] === 'missing') {
          const newId = uuidv7()
          reply = await attempt(guestKey(newId), true, newId, '')
        }
      }
      if (reply[0] === 'refused') return { ok: false, current: Number(reply[1]) }
      return { ok: true, cart: this.cartOf(reply) }
    })
  }

  async setLine(owner: CartOwner, line: VariantQuantity): Promise<StoredCart | undefined> {
    const key = keyOf(owner)
    if (!key) return undefined
    return this.guard(async () => {
      const reply = await this.redis.cartSetLine(key, line.variantId, line.quantity, Date.now(), this.ttlMs)
      return reply[0] === 'ok' ? this.cartOf(reply) : undefined
    })
  }

  async removeLine(owner: CartOwner, variantId: string): Promise<StoredCart | undefined> {
    const key = keyOf(owner)
    if (!key) return undefined
    return this.guard(async () => {
      const reply = await this.redis.cartRemoveLine(key, variantId, Date.now(), this.ttlMs)
      return reply[0] === 'ok' ? this.cartOf(reply) : undefined
    })
  }

  async delete(owner: CartOwner): Promise<void> {
    const key = keyOf(owner)
    if (key) await this.guard(() => this.redis.del(key))
  }

  async merge(guestCartId: string, customerId: string, caps: ReadonlyMap<string, number>): Promise<MergeOutcome> {
    return this.guard(async () => {
      const pairs = [...caps].flatMap(([variantId, cap]) => [variantId, Math.max(0, Math.min(cap, MAX_LINE_QUANTITY))])
      const reply = await this.redis.cartMerge(guestKey(guestCartId), customerKey(customerId), uuidv7(), customerId, Date.now(), this.ttlMs, ...pairs)
      if (reply[0] === 'caps_needed') return { status: 'caps_needed', variantIds: reply.slice(1) }
      if (reply[0] === 'ok') return { status: 'merged', cart: this.cartOf(reply) }
      return { status: 'nothing', cart: await this.find({ kind: 'customer', customerId }) }
    })
  }

  async claim(owner: CartOwner, orderId: string, holdMs: number): Promise<ClaimOutcome> {
    const key = keyOf(owner)
    if (!key) return { status: 'empty' }
    return this.guard(async () => {
      const reply = await this.redis.cartClaim(key, orderId, Date.now(), holdMs, this.ttlMs)
      if (reply[0] === 'held') return { status: 'held', orderId: String(reply[1]) }
      if (reply[0] === 'ok') return { status: 'claimed', cart: this.cartOf(reply) }
      return { status: 'empty' }
    })
  }

  async release(owner: CartOwner, orderId: string): Promise<void> {
    const key = keyOf(owner)
    if (key) await this.guard(() => this.redis.cartRelease(key, orderId))
  }

  async removeOrdered(customerId: string, orderId: string, lines: readonly VariantQuantity[]): Promise<void> {
    const pairs = sumByVariant(lines).flatMap((l) => [l.variantId, l.quantity])
    await this.guard(() => this.redis.cartRemoveOrdered(customerKey(customerId), effectsKey(customerId), orderId, Date.now(), this.ttlMs, ...pairs))
  }

  async restoreOrdered(customerId: string, orderId: string, lines: readonly VariantQuantity[]): Promise<void> {
    const pairs = sumByVariant(lines).flatMap((l) => [l.variantId, restoredQuantity(0, l.quantity)])
    await this.guard(() =>
      this.redis.cartRestoreOrdered(customerKey(customerId), effectsKey(customerId), orderId, uuidv7(), customerId, Date.now(), this.ttlMs, ...pairs),
    )
  }

  /** Redis expires idle carts itself. */
  async sweepExpired(): Promise<number> {
    return 0
  }

  private cartOf(reply: Reply): StoredCart {
    const cart = this.parse(reply.slice(1))
    if (!cart) throw new Error('a cart script answered ok without a cart')
    return cart
  }

  private parse(flat: string[]): StoredCart | undefined {
    const fields = new Map<string, string>()
    for (let i = 0; i + 1 < flat.length; i += 2) fields.set(flat[i] as string, flat[i + 1] as string)
    const id = fields.get('id')
    if (!id) return undefined
    const updated = Number(fields.get('updated') ?? 0)
    const lines: StoredLine[] = []
    for (const [field, value] of fields) {
      if (!field.startsWith('q:')) continue
      const variantId = field.slice(2)
      lines.push({ variantId, quantity: Number(value), addedAt: new Date(Number(fields.get(`t:${variantId}`) ?? updated)) })
    }
    lines.sort((a, b) => a.addedAt.getTime() - b.addedAt.getTime() || a.variantId.localeCompare(b.variantId))
    const holder = fields.get('checkout')
    const until = Number(fields.get('checkout_until') ?? 0)
    const checkout = holder && until > Date.now() ? { orderId: holder, until: new Date(until) } : null
    return { id, customerId: fields.get('customer') || null, lines, updatedAt: new Date(updated), expiresAt: new Date(updated + this.ttlMs), checkout }
  }

  /** A Redis that does not answer is an outage (503, and a message handler retries), not a bug. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (err) {
      if (err instanceof AppError) throw err
      this.log?.warn({ err }, 'cart store (Redis) failed')
      throw new ServiceUnavailable('Carts cannot be reached right now. Try again shortly.', 'cart_store_unavailable')
    }
  }
}

function guestKey(cartId: string): string {
  return `cart:g:${cartId}`
}

function customerKey(customerId: string): string {
  return `cart:c:${customerId}`
}

function effectsKey(customerId: string): string {
  return `cart:o:${customerId}`
}

function keyOf(owner: CartOwner): string | undefined {
  if (owner.kind === 'customer') return customerKey(owner.customerId)
  return owner.cartId ? guestKey(owner.cartId) : undefined
}

function flatten(hash: Record<string, string>): string[] {
  return Object.entries(hash).flat()
}
