import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { DbOrTx, Tx } from '../../platform/db/db.ts'
import type { AddOutcome, CartOwner, CartStore, ClaimOutcome, MergeOutcome, StoredCart, VariantQuantity } from './cart-store.ts'
import { MAX_LINE_QUANTITY, mergedQuantity, restoredQuantity, sumByVariant } from './cart.rules.ts'
import { cartLines, carts, type OrderEffect, orderEffects } from './cart.tables.ts'

/** Thrown inside a transaction to roll back a refused add; never leaves this file. */
class Refused extends Error {
  constructor(readonly current: number) {
    super('refused')
  }
}

/**
 * Carts in the cart schema's tables (the embedded mode). Every write first locks the cart's row,
 * so writes to one cart queue; a cart whose `updated_at` is older than the TTL is treated as
 * gone and swept by `sweepExpired`.
 */
export class SqlCartStore implements CartStore {
  constructor(
    private readonly db: DbOrTx,
    private readonly ttlMs: number,
  ) {}

  within(tx: Tx): CartStore {
    return new SqlCartStore(tx, this.ttlMs)
  }

  async find(owner: CartOwner): Promise<StoredCart | undefined> {
    const where = this.ownerCondition(owner)
    if (!where) return undefined
    const [row] = await this.db.select().from(carts).where(and(where, this.live()))
    return row ? this.load(this.db, row) : undefined
  }

  async addLine(owner: CartOwner, line: VariantQuantity & { limit: number }): Promise<AddOutcome> {
    try {
      const cart = await this.db.transaction(async (tx) => {
        const cartId = await this.openForWrite(tx, owner)
        if (line.quantity > line.limit) throw new Refused(await this.quantityOf(tx, cartId, line.variantId))
        const [row] = await tx
          .insert(cartLines)
          .values({ cartId, variantId: line.variantId, quantity: line.quantity })
          .onConflictDoUpdate({
            target: [cartLines.cartId, cartLines.variantId],
            set: { quantity: sql`${cartLines.quantity} + excluded.quantity` },
            setWhere: sql`${cartLines.quantity} + excluded.quantity <= ${line.limit}`,
          })
          .returning({ quantity: cartLines.quantity })
        if (!row) throw new Refused(await this.quantityOf(tx, cartId, line.variantId))
        return this.loadById(tx, cartId)
      })
      return { ok: true, cart }
    } catch (err) {
      if (err instanceof Refused) return { ok: false, current: err.current }
      throw err
    }
  }

  async setLine(owner: CartOwner, line: VariantQuantity): Promise<StoredCart | undefined> {
    return this.db.transaction(async (tx) => {
      const cartId = await this.lock(tx, owner)
      if (!cartId) return undefined
      const at = and(eq(cartLines.cartId, cartId), eq(cartLines.variantId, line.variantId))
      const changed =
        line.quantity === 0
          ? await tx.delete(cartLines).where(at).returning({ variantId: cartLines.variantId })
          : await tx.update(cartLines).set({ quantity: line.quantity }).where(at).returning({ variantId: cartLines.variantId })
      if (changed.length === 0) return undefined
      await this.touch(tx, cartId)
      return this.loadById(tx, cartId)
    })
  }

  async removeLine(owner: CartOwner, variantId: string): Promise<StoredCart | undefined> {
    return this.db.transaction(async (tx) => {
      const cartId = await this.lock(tx, owner)
      if (!cartId) return undefined
      const removed = await tx
        .delete(cartLines)
        .where(and(eq(cartLines.cartId, cartId), eq(cartLines.variantId, variantId)))
        .returning({ variantId: cartLines.variantId })
      if (removed.length > 0) await this.touch(tx, cartId)
      return this.loadById(tx, cartId)
    })
  }

  async delete(owner: CartOwner): Promise<void> {
    const where = this.ownerCondition(owner)
    if (where) await this.db.delete(carts).where(where)
  }

  async merge(guestCartId: string, customerId: string, caps: ReadonlyMap<string, number>): Promise<MergeOutcome> {
    return this.db.transaction(async (tx): Promise<MergeOutcome> => {
      // A second merge of the same guest cart waits here, then finds it gone.
      const guestId = await this.lock(tx, { kind: 'guest', cartId: guestCartId })
      if (!guestId) return { status: 'nothing', cart: await this.within(tx).find({ kind: 'customer', customerId }) }
      const guestLines = await tx.select().from(cartLines).where(eq(cartLines.cartId, guestId)).orderBy(asc(cartLines.addedAt), asc(cartLines.variantId))
      const uncapped = guestLines.filter((l) => !caps.has(l.variantId)).map((l) => l.variantId)
      if (uncapped.length > 0) return { status: 'caps_needed', variantIds: uncapped }

      const cartId = await this.openForWrite(tx, { kind: 'customer', customerId })
      for (const l of guestLines) {
        const cap = Math.min(caps.get(l.variantId) ?? 0, MAX_LINE_QUANTITY)
        const quantity = mergedQuantity(0, l.quantity, cap)
        if (quantity === 0) continue
        await tx
          .insert(cartLines)
          .values({ cartId, variantId: l.variantId, quantity, addedAt: l.addedAt })
          .onConflictDoUpdate({
            target: [cartLines.cartId, cartLines.variantId],
            set: { quantity: sql`GREATEST(${cartLines.quantity}, LEAST(${cartLines.quantity} + ${l.quantity}, ${cap}))` },
          })
      }
      await tx.delete(carts).where(eq(carts.id, guestId))
      return { status: 'merged', cart: await this.loadById(tx, cartId) }
    })
  }

  async claim(owner: CartOwner, orderId: string, holdMs: number): Promise<ClaimOutcome> {
    return this.db.transaction(async (tx): Promise<ClaimOutcome> => {
      const where = this.ownerCondition(owner)
      if (!where) return { status: 'empty' }
      const [row] = await tx
        .select({ id: carts.id, holder: carts.checkoutOrderId, held: sql<boolean>`${carts.checkoutUntil} > now()` })
        .from(carts)
        .where(and(where, this.live()))
        .for('update')
      if (!row) return { status: 'empty' }
      if (row.holder && row.holder !== orderId && row.held) return { status: 'held', orderId: row.holder }
      const [line] = await tx.select({ variantId: cartLines.variantId }).from(cartLines).where(eq(cartLines.cartId, row.id)).limit(1)
      if (!line) return { status: 'empty' }
      await tx
        .update(carts)
        .set({ checkoutOrderId: orderId, checkoutUntil: sql`now() + (${holdMs} * interval '1 millisecond')`, updatedAt: sql`now()` })
        .where(eq(carts.id, row.id))
      return { status: 'claimed', cart: await this.loadById(tx, row.id) }
    })
  }

  async release(owner: CartOwner, orderId: string): Promise<void> {
    const where = this.ownerCondition(owner)
    if (where) await this.releaseWhere(this.db, and(where, eq(carts.checkoutOrderId, orderId)))
  }

  async removeOrdered(customerId: string, orderId: string, lines: readonly VariantQuantity[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (!(await this.recordEffect(tx, customerId, orderId, 'confirmed'))) return
      if (await this.hasEffect(tx, orderId, 'cancelled')) return
      const cartId = await this.lock(tx, { kind: 'customer', customerId })
      if (!cartId) return
      await this.releaseWhere(tx, and(eq(carts.id, cartId), eq(carts.checkoutOrderId, orderId)))
      for (const l of sumByVariant(lines)) {
        const at = and(eq(cartLines.cartId, cartId), eq(cartLines.variantId, l.variantId))
        await tx.delete(cartLines).where(and(at, sql`${cartLines.quantity} <= ${l.quantity}`))
        await tx
          .update(cartLines)
          .set({ quantity: sql`${cartLines.quantity} - ${l.quantity}` })
          .where(at)
      }
      await this.touch(tx, cartId)
    })
  }

  async restoreOrdered(customerId: string, orderId: string, lines: readonly VariantQuantity[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (!(await this.recordEffect(tx, customerId, orderId, 'cancelled'))) return
      const cartId = await this.openForWrite(tx, { kind: 'customer', customerId })
      await this.releaseWhere(tx, and(eq(carts.id, cartId), eq(carts.checkoutOrderId, orderId)))
      for (const l of sumByVariant(lines)) {
        const quantity = restoredQuantity(0, l.quantity)
        await tx
          .insert(cartLines)
          .values({ cartId, variantId: l.variantId, quantity })
          .onConflictDoUpdate({ target: [cartLines.cartId, cartLines.variantId], set: { quantity: sql`GREATEST(${cartLines.quantity}, excluded.quantity)` } })
      }
    })
  }

  async sweepExpired(): Promise<number> {
    const gone = await this.db.delete(carts).where(sql`${carts.updatedAt} <= ${this.cutoff()}`).returning({ id: carts.id })
    await this.db.delete(orderEffects).where(sql`${orderEffects.createdAt} <= ${this.cutoff()}`)
    return gone.length
  }

  // --- helpers ---

  private cutoff(): SQL {
    return sql`now() - (${this.ttlMs} * interval '1 millisecond')`
  }

  private live(): SQL {
    return sql`${carts.updatedAt} > ${this.cutoff()}`
  }

  /** Guest carts are addressed only as guests: a customer's cart id never opens it without the token. */
  private ownerCondition(owner: CartOwner): SQL | undefined {
    if (owner.kind === 'customer') return eq(carts.customerId, owner.customerId)
    return owner.cartId ? and(eq(carts.id, owner.cartId), isNull(carts.customerId)) : undefined
  }

  /** Locks the owner's live cart until the transaction ends; its id, or undefined. */
  private async lock(tx: Tx, owner: CartOwner): Promise<string | undefined> {
    const where = this.ownerCondition(owner)
    if (!where) return undefined
    const [row] = await tx.select({ id: carts.id }).from(carts).where(and(where, this.live())).for('update')
    return row?.id
  }

  /**
   * The owner's live cart, touched and locked; a missing or expired one is replaced by a new cart
   * with a new id. A customer's cart is created with an upsert, so two first adds at once share it.
   */
  private async openForWrite(tx: Tx, owner: CartOwner): Promise<string> {
    const where = this.ownerCondition(owner)
    if (where) {
      const [touched] = await tx.update(carts).set({ updatedAt: sql`now()` }).where(and(where, this.live())).returning({ id: carts.id })
      if (touched) return touched.id
      // What is left of an expired cart. Only an expired one: a concurrent first add may have
      // committed a live cart since the update's snapshot, and the upsert below joins it.
      await tx.delete(carts).where(and(where, sql`${carts.updatedAt} <= ${this.cutoff()}`))
    }
    const customerId = owner.kind === 'customer' ? owner.customerId : null
    const [created] = await tx
      .insert(carts)
      .values({ id: uuidv7(), customerId })
      .onConflictDoUpdate({ target: carts.customerId, set: { updatedAt: sql`now()` } })
      .returning({ id: carts.id })
    if (!created) throw new Error('cart row neither inserted nor updated')
    return created.id
  }

  private async releaseWhere(db: DbOrTx, where: SQL | undefined): Promise<void> {
    await db.update(carts).set({ checkoutOrderId: null, checkoutUntil: null }).where(where)
  }

  private async touch(tx: Tx, cartId: string): Promise<void> {
    await tx.update(carts).set({ updatedAt: sql`now()` }).where(eq(carts.id, cartId))
  }

  private async quantityOf(tx: Tx, cartId: string, variantId: string): Promise<number> {
    const [row] = await tx
      .select({ quantity: cartLines.quantity })
      .from(cartLines)
      .where(and(eq(cartLines.cartId, cartId), eq(cartLines.variantId, variantId)))
    return row?.quantity ?? 0
  }

  /** True when this order's effect was not recorded before (it is now). */
  private async recordEffect(tx: Tx, customerId: string, orderId: string, effect: OrderEffect): Promise<boolean> {
    const rows = await tx.insert(orderEffects).values({ orderId, effect, customerId }).onConflictDoNothing().returning({ orderId: orderEffects.orderId })
    return rows.length === 1
  }

  private async hasEffect(tx: Tx, orderId: string, effect: OrderEffect): Promise<boolean> {
    const rows = await tx
      .select({ orderId: orderEffects.orderId })
      .from(orderEffects)
      .where(and(eq(orderEffects.orderId, orderId), eq(orderEffects.effect, effect)))
    return rows.length > 0
  }

  private async loadById(tx: DbOrTx, cartId: string): Promise<StoredCart> {
    const [row] = await tx.select().from(carts).where(eq(carts.id, cartId))
    if (!row) throw new Error(`cart ${cartId} vanished inside its own transaction`)
    return this.load(tx, row)
  }

  private async load(db: DbOrTx, row: typeof carts.$inferSelect): Promise<StoredCart> {
    const lines = await db
      .select({ variantId: cartLines.variantId, quantity: cartLines.quantity, addedAt: cartLines.addedAt })
      .from(cartLines)
      .where(eq(cartLines.cartId, row.id))
      .orderBy(asc(cartLines.addedAt), asc(cartLines.variantId))
    const checkout = row.checkoutOrderId && row.checkoutUntil && row.checkoutUntil > new Date() ? { orderId: row.checkoutOrderId, until: row.checkoutUntil } : null
    return { id: row.id, customerId: row.customerId, lines, updatedAt: row.updatedAt, expiresAt: new Date(row.updatedAt.getTime() + this.ttlMs), checkout }
  }
}
