import { v4 as uuidv4, v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../../../test/support/eventually.ts'
import type { CartOwner, CartStore, StoredCart } from './cart-store.ts'
import { type Backend, backends } from './cart-store.test-kit.ts'

const DAY_MS = 24 * 3600 * 1000
const SHORT_TTL_MS = 600

const customer = (): CartOwner => ({ kind: 'customer', customerId: uuidv7() })
const guest = (cartId?: string): CartOwner => ({ kind: 'guest', cartId })
const variant = () => uuidv4()

function quantities(cart: StoredCart | undefined): Record<string, number> {
  return Object.fromEntries((cart?.lines ?? []).map((l) => [l.variantId, l.quantity]))
}

describe.each(backends)('CartStore contract: $name', ({ available, open }) => {
  let backend: Backend
  let store: CartStore

  beforeAll(async () => {
    if (!available) return
    backend = await open()
    store = backend.store(30 * DAY_MS)
  })
  afterAll(async () => {
    await backend?.close()
  })

  /** A guest cart with these lines; its id. */
  async function guestCart(lines: Array<[string, number]>): Promise<string> {
    let cartId: string | undefined
    for (const [variantId, quantity] of lines) {
      const out = await store.addLine(guest(cartId), { variantId, quantity, limit: 999 })
      if (!out.ok) throw new Error('add refused')
      cartId = out.cart.id
    }
    return cartId as string
  }

  describe('reading and adding', () => {
    it.skipIf(!available)('when there is no cart, then find answers undefined', async () => {
      expect(await store.find(guest())).toBeUndefined()
      expect(await store.find(guest(uuidv7()))).toBeUndefined()
      expect(await store.find(customer())).toBeUndefined()
    })

    it.skipIf(!available)('when a guest without a cart adds, then a cart with a new id holds the line and expires a TTL after the write', async () => {
      const v = variant()
      const out = await store.addLine(guest(), { variantId: v, quantity: 2, limit: 5 })
      expect(out.ok).toBe(true)
      if (!out.ok) return
      expect(out.cart).toMatchObject({ customerId: null, lines: [{ variantId: v, quantity: 2 }] })
      expect(out.cart.expiresAt.getTime() - out.cart.updatedAt.getTime()).toBe(30 * DAY_MS)
      expect(await store.find(guest(out.cart.id))).toEqual(out.cart)
    })

    it.skipIf(!available)('when the same variant is added again, then the line grows, and an add past the limit is refused and changes nothing', async () => {
      const [a, b] = [variant(), variant()]
      const id = await guestCart([
        [a, 2],
        [b, 1],
      ])
      const grown = await store.addLine(guest(id), { variantId: a, quantity: 3, limit: 5 })
      expect(grown.ok && grown.cart.id).toBe(id)
      expect(grown.ok && quantities(grown.cart)).toEqual({ [a]: 5, [b]: 1 })
      expect(await store.addLine(guest(id), { variantId: a, quantity: 1, limit: 5 })).toEqual({ ok: false, current: 5 })
      expect(await store.addLine(guest(id), { variantId: variant(), quantity: 4, limit: 3 })).toEqual({ ok: false, current: 0 })
      expect(quantities(await store.find(guest(id)))).toEqual({ [a]: 5, [b]: 1 })
    })

    it.skipIf(!available)('when an add is refused and there was no cart, then no cart is made', async () => {
      const owner = customer()
      expect(await store.addLine(owner, { variantId: variant(), quantity: 2, limit: 1 })).toEqual({ ok: false, current: 0 })
      expect(await store.find(owner)).toBeUndefined()
      expect((await store.addLine(guest(), { variantId: variant(), quantity: 2, limit: 0 })).ok).toBe(false)
    })

    it.skipIf(!available)('when a guest adds to an unknown cart id, then a new cart with another id is made', async () => {
      const unknown = uuidv7()
      const out = await store.addLine(guest(unknown), { variantId: variant(), quantity: 1, limit: 9 })
      expect(out.ok && out.cart.id).not.toBe(unknown)
      expect(out.ok && out.cart.id).toMatch(/^[0-9a-f-]{36}$/)
      expect(await store.find(guest(unknown))).toBeUndefined()
    })

    it.skipIf(!available)('when a customer adds, then they have one cart, and a guest cannot open it by its id', async () => {
      const owner = customer()
      const first = await store.addLine(owner, { variantId: variant(), quantity: 1, limit: 9 })
      const second = await store.addLine(owner, { variantId: variant(), quantity: 1, limit: 9 })
      expect(first.ok && second.ok && first.cart.id === second.cart.id).toBe(true)
      const found = await store.find(owner)
      expect(found?.lines).toHaveLength(2)
      expect(found?.customerId).toBe(owner.kind === 'customer' ? owner.customerId : null)
      expect(await store.find(guest(found?.id))).toBeUndefined()
      expect(await store.setLine(guest(found?.id), { variantId: found?.lines[0]?.variantId as string, quantity: 5 })).toBeUndefined()
    })
  })

  describe('changing lines', () => {
    it.skipIf(!available)('when a line is set, then it holds that quantity; 0 removes it; a missing line or cart answers undefined', async () => {
      const [a, b] = [variant(), variant()]
      const id = await guestCart([
        [a, 1],
        [b, 1],
      ])
      expect(quantities(await store.setLine(guest(id), { variantId: a, quantity: 7 }))).toEqual({ [a]: 7, [b]: 1 })
      expect(quantities(await store.setLine(guest(id), { variantId: b, quantity: 0 }))).toEqual({ [a]: 7 })
      expect(await store.setLine(guest(id), { variantId: b, quantity: 3 })).toBeUndefined()
      expect(await store.setLine(guest(uuidv7()), { variantId: a, quantity: 3 })).toBeUndefined()
      expect(await store.setLine(guest(), { variantId: a, quantity: 3 })).toBeUndefined()
      expect(quantities(await store.find(guest(id)))).toEqual({ [a]: 7 })
    })

    it.skipIf(!available)('when a line is removed, then it is gone; removing a missing line answers the cart; without a cart undefined', async () => {
      const [a, b] = [variant(), variant()]
      const id = await guestCart([
        [a, 1],
        [b, 2],
      ])
      expect(quantities(await store.removeLine(guest(id), a))).toEqual({ [b]: 2 })
      expect(quantities(await store.removeLine(guest(id), a))).toEqual({ [b]: 2 })
      expect(quantities(await store.removeLine(guest(id), b))).toEqual({})
      expect((await store.find(guest(id)))?.id).toBe(id)
      expect(await store.removeLine(guest(uuidv7()), a)).toBeUndefined()
    })

    it.skipIf(!available)('when a write follows a read, then the cart expires later than before', async () => {
      const v = variant()
      const id = await guestCart([[v, 1]])
      const before = await store.find(guest(id))
      await eventually(async () => Date.now() > (before?.updatedAt.getTime() ?? 0) + 20, 2000, 'the clock to move')
      const after = await store.setLine(guest(id), { variantId: v, quantity: 2 })
      expect(after?.expiresAt.getTime()).toBeGreaterThan(before?.expiresAt.getTime() ?? Infinity)
    })

    it.skipIf(!available)('when a cart is deleted, then it is gone; deleting a missing cart is fine', async () => {
      const id = await guestCart([[variant(), 1]])
      await store.delete(guest(id))
      expect(await store.find(guest(id))).toBeUndefined()
      await expect(store.delete(guest(id))).resolves.toBeUndefined()
      await expect(store.delete(guest())).resolves.toBeUndefined()
      const owner = customer()
      await store.addLine(owner, { variantId: variant(), quantity: 1, limit: 1 })
      await store.delete(owner)
      expect(await store.find(owner)).toBeUndefined()
    })

    it.skipIf(!available)('when 20 adds of one unit race for 7 available, then exactly 7 land', async () => {
      const v = variant()
      const id = await guestCart([[variant(), 1]])
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => store.addLine(guest(id), { variantId: v, quantity: 1, limit: 7 })))
      expect(outcomes.filter((o) => o.ok)).toHaveLength(7)
      expect(quantities(await store.find(guest(id)))[v]).toBe(7)
    })

    it.skipIf(!available)("when a customer's first adds race, then they share one cart and every unit lands", async () => {
      // Several customers at once, so that an add which opens the cart just after another add
      // committed it (the interleaving that once replaced the first cart) is likely to happen.
      const v = variant()
      const owners = Array.from({ length: 8 }, () => customer())
      const raced = await Promise.all(
        owners.map((owner) => Promise.all(Array.from({ length: 10 }, () => store.addLine(owner, { variantId: v, quantity: 2, limit: 999 })))),
      )
      for (const [i, outcomes] of raced.entries()) {
        expect(outcomes.every((o) => o.ok)).toBe(true)
        expect(new Set(outcomes.map((o) => (o.ok ? o.cart.id : '')))).toHaveProperty('size', 1)
        expect(quantities(await store.find(owners[i]!))).toEqual({ [v]: 20 })
      }
    })
  })

  describe('merging', () => {
    it.skipIf(!available)("when a guest cart merges, then quantities add up within each cap, the customer's line never shrinks, a capped-out line is dropped, and the guest cart is gone", async () => {
      const [a, b, c, d] = [variant(), variant(), variant(), variant()]
      const owner = customer()
      const customerId = owner.kind === 'customer' ? owner.customerId : ''
      await store.addLine(owner, { variantId: a, quantity: 2, limit: 999 })
      await store.addLine(owner, { variantId: b, quantity: 6, limit: 999 })
      const guestId = await guestCart([
        [a, 3],
        [b, 2],
        [c, 4],
        [d, 1],
      ])
      const caps = new Map([
        [a, 10],
        [b, 4],
        [c, 3],
        [d, 0],
      ])
      const out = await store.merge(guestId, customerId, caps)
      expect(out.status).toBe('merged')
      expect(out.status === 'merged' && quantities(out.cart)).toEqual({ [a]: 5, [b]: 6, [c]: 3 })
      expect(await store.find(guest(guestId))).toBeUndefined()
      expect(quantities(await store.find(owner))).toEqual({ [a]: 5, [b]: 6, [c]: 3 })

      const again = await store.merge(guestId, customerId, caps)
      expect(again.status).toBe('nothing')
      expect(again.status === 'nothing' && quantities(again.cart)).toEqual({ [a]: 5, [b]: 6, [c]: 3 })
    })

    it.skipIf(!available)('when a customer without a cart merges, then the guest lines become their cart; a missing guest cart leaves no cart', async () => {
      const owner = customer()
      const customerId = owner.kind === 'customer' ? owner.customerId : ''
      expect(await store.merge(uuidv7(), customerId, new Map())).toEqual({ status: 'nothing', cart: undefined })
      const v = variant()
      const guestId = await guestCart([[v, 2]])
      const out = await store.merge(guestId, customerId, new Map([[v, 9]]))
      expect(out.status === 'merged' && out.cart.customerId).toBe(customerId)
      expect(quantities(await store.find(owner))).toEqual({ [v]: 2 })
    })

    it.skipIf(!available)('when the caps miss a variant of the guest cart, then nothing moves and the store names it', async () => {
      const [a, b] = [variant(), variant()]
      const guestId = await guestCart([
        [a, 1],
        [b, 1],
      ])
      const out = await store.merge(guestId, uuidv7(), new Map([[a, 5]]))
      expect(out).toEqual({ status: 'caps_needed', variantIds: [b] })
      expect(quantities(await store.find(guest(guestId)))).toEqual({ [a]: 1, [b]: 1 })
    })

    it.skipIf(!available)('when five merges of one guest cart run at once, then it is added once', async () => {
      const v = variant()
      const owner = customer()
      const customerId = owner.kind === 'customer' ? owner.customerId : ''
      await store.addLine(owner, { variantId: v, quantity: 1, limit: 999 })
      const guestId = await guestCart([[v, 3]])
      const outs = await Promise.all(Array.from({ length: 5 }, () => store.merge(guestId, customerId, new Map([[v, 999]]))))
      expect(outs.filter((o) => o.status === 'merged')).toHaveLength(1)
      expect(outs.filter((o) => o.status === 'nothing')).toHaveLength(4)
      expect(quantities(await store.find(owner))).toEqual({ [v]: 4 })
    })

    it.skipIf(!available)('when a merge races adds to the customer cart, then every unit of both lands', async () => {
      const v = variant()
      const owner = customer()
      const customerId = owner.kind === 'customer' ? owner.customerId : ''
      const guestId = await guestCart([[v, 5]])
      await Promise.all([
        store.merge(guestId, customerId, new Map([[v, 999]])),
        ...Array.from({ length: 5 }, () => store.addLine(owner, { variantId: v, quantity: 1, limit: 999 })),
      ])
      expect(quantities(await store.find(owner))).toEqual({ [v]: 10 })
    })
  })

  describe('orders', () => {
    it.skipIf(!available)('when an order is confirmed, then its quantities leave the cart, once', async () => {
      const [a, b, c] = [variant(), variant(), variant()]
      const owner = customer()
      const customerId = owner.kind === 'customer' ? owner.customerId : ''
      for (const [v, q] of [
        [a, 5],
        [b, 2],
        [c, 1],
      ] as const)
        await store.addLine(owner, { variantId: v, quantity: q, limit: 999 })
      const orderId = uuidv7()
      const lines = [
        { variantId: a, quantity: 2 },
        { variantId: b, quantity: 1 },
        { variantId: b, quantity: 1 },
      ]
      await store.removeOrdered(customerId, orderId, lines)
      expect(quantities(await store.find(owner))).toEqual({ [a]: 3, [c]: 1 })
      await store.removeOrdered(customerId, orderId, lines)
      expect(quantities(await store.find(owner))).toEqual({ [a]: 3, [c]: 1 })
    })

    it.skipIf(!available)('when an order is confirmed for a customer without a cart, then no cart appears', async () => {
      const owner = customer()
      await store.removeOrdered(owner.kind === 'customer' ? owner.customerId : '', uuidv7(), [{ variantId: variant(), quantity: 1 }])
      expect(await store.find(owner)).toBeUndefined()
    })

    it.skipIf(!available)('when an order is cancelled, then its lines are at least what was ordered, once, and its late confirmation takes nothing', async () => {
      const [a, b] = [variant(), variant()]
      const owner = customer()
      const customerId = owner.kind === 'customer' ? owner.customerId : ''
      const orderId = uuidv7()
      const lines = [
        { variantId: a, quantity: 2 },
        { variantId: b, quantity: 3 },
      ]
      await store.restoreOrdered(customerId, orderId, lines)
      expect(quantities(await store.find(owner))).toEqual({ [a]: 2, [b]: 3 })
      await store.setLine(owner, { variantId: a, quantity: 0 })
      await store.setLine(owner, { variantId: b, quantity: 9 })
      await store.restoreOrdered(customerId, orderId, lines)
      expect(quantities(await store.find(owner))).toEqual({ [b]: 9 })
      await store.removeOrdered(customerId, orderId, lines)
      expect(quantities(await store.find(owner))).toEqual({ [b]: 9 })
    })

    it.skipIf(!available)('when a confirmed order is cancelled, then its lines come back', async () => {
      const v = variant()
      const owner = customer()
      const customerId = owner.kind === 'customer' ? owner.customerId : ''
      await store.addLine(owner, { variantId: v, quantity: 2, limit: 999 })
      const orderId = uuidv7()
      await store.removeOrdered(customerId, orderId, [{ variantId: v, quantity: 2 }])
      expect(quantities(await store.find(owner))).toEqual({})
      await store.restoreOrdered(customerId, orderId, [{ variantId: v, quantity: 2 }])
      expect(quantities(await store.find(owner))).toEqual({ [v]: 2 })
    })

    it.skipIf(!available)('when the same confirmation is applied five times at once, then it takes its quantities once', async () => {
      const v = variant()
      const owner = customer()
      const customerId = owner.kind === 'customer' ? owner.customerId : ''
      await store.addLine(owner, { variantId: v, quantity: 10, limit: 999 })
      const orderId = uuidv7()
      await Promise.all(Array.from({ length: 5 }, () => store.removeOrdered(customerId, orderId, [{ variantId: v, quantity: 3 }])))
      expect(quantities(await store.find(owner))).toEqual({ [v]: 7 })
    })
  })

  describe('checkout holds', () => {
    it.skipIf(!available)('when a checkout claims a cart, then a second checkout is refused while the first holds it, and the first may claim again', async () => {
      const owner = customer()
      const v = variant()
      await store.addLine(owner, { variantId: v, quantity: 2, limit: 9 })
      const [first, second] = [uuidv7(), uuidv7()]
      const claimed = await store.claim(owner, first, 60_000)
      expect(claimed).toMatchObject({ status: 'claimed', cart: { lines: [{ variantId: v, quantity: 2 }], checkout: { orderId: first } } })
      expect(await store.claim(owner, second, 60_000)).toEqual({ status: 'held', orderId: first })
      expect((await store.claim(owner, first, 60_000)).status).toBe('claimed')
      expect((await store.find(owner))?.checkout?.orderId).toBe(first)
    })

    it.skipIf(!available)('when eight checkouts race for one cart, then exactly one holds it', async () => {
      const owner = customer()
      await store.addLine(owner, { variantId: variant(), quantity: 1, limit: 9 })
      const outcomes = await Promise.all(Array.from({ length: 8 }, () => store.claim(owner, uuidv7(), 60_000)))
      expect(outcomes.filter((o) => o.status === 'claimed')).toHaveLength(1)
      expect(outcomes.filter((o) => o.status === 'held')).toHaveLength(7)
    })

    it.skipIf(!available)('when there is no cart or no line, then a claim answers empty', async () => {
      expect(await store.claim(customer(), uuidv7(), 60_000)).toEqual({ status: 'empty' })
      expect(await store.claim(guest(), uuidv7(), 60_000)).toEqual({ status: 'empty' })
      const owner = customer()
      const v = variant()
      await store.addLine(owner, { variantId: v, quantity: 1, limit: 9 })
      await store.setLine(owner, { variantId: v, quantity: 0 })
      expect(await store.claim(owner, uuidv7(), 60_000)).toEqual({ status: 'empty' })
    })

    it.skipIf(!available)('when the holder releases, or another order releases, then only the holder frees the cart', async () => {
      const cartId = await guestCart([[variant(), 1]])
      const owner = guest(cartId)
      const holder = uuidv7()
      await store.claim(owner, holder, 60_000)
      await store.release(owner, uuidv7())
      expect((await store.find(owner))?.checkout?.orderId).toBe(holder)
      await store.release(owner, holder)
      expect((await store.find(owner))?.checkout).toBeNull()
      expect((await store.claim(owner, uuidv7(), 60_000)).status).toBe('claimed')
    })

    it.skipIf(!available)('when the hold runs out, then another checkout may claim the cart', async () => {
      const owner = customer()
      await store.addLine(owner, { variantId: variant(), quantity: 1, limit: 9 })
      await store.claim(owner, uuidv7(), 200)
      await eventually(async () => (await store.claim(owner, uuidv7(), 60_000)).status === 'claimed', 3000, 'the hold to run out')
    })

    it.skipIf(!available)('when the held order is confirmed or cancelled, then its hold goes with it', async () => {
      const customerId = uuidv7()
      const owner: CartOwner = { kind: 'customer', customerId }
      const v = variant()
      await store.addLine(owner, { variantId: v, quantity: 3, limit: 9 })
      const confirmed = uuidv7()
      await store.claim(owner, confirmed, 60_000)
      await store.removeOrdered(customerId, confirmed, [{ variantId: v, quantity: 3 }])
      expect(await store.find(owner)).toMatchObject({ lines: [], checkout: null })

      await store.addLine(owner, { variantId: v, quantity: 1, limit: 9 })
      const cancelled = uuidv7()
      await store.claim(owner, cancelled, 60_000)
      await store.restoreOrdered(customerId, cancelled, [{ variantId: v, quantity: 1 }])
      expect(await store.find(owner)).toMatchObject({ lines: [{ variantId: v, quantity: 1 }], checkout: null })
    })
  })

  describe('expiry', () => {
    it.skipIf(!available)('when a cart stays idle past its TTL, then it is gone, and a guest add with its id starts a new cart', async () => {
      const short = backend.store(SHORT_TTL_MS)
      const v = variant()
      const out = await short.addLine(guest(), { variantId: v, quantity: 1, limit: 9 })
      const id = out.ok ? out.cart.id : ''
      const owner = customer()
      await short.addLine(owner, { variantId: v, quantity: 4, limit: 9 })
      expect(await short.find(guest(id))).toBeDefined()
      await eventually(async () => (await short.find(guest(id))) === undefined, 5000, 'the guest cart to expire')
      await eventually(async () => (await short.find(owner)) === undefined, 5000, 'the customer cart to expire')
      expect(await short.setLine(guest(id), { variantId: v, quantity: 2 })).toBeUndefined()

      const fresh = await short.addLine(guest(id), { variantId: v, quantity: 1, limit: 9 })
      expect(fresh.ok && fresh.cart.id).not.toBe(id)
      const again = await short.addLine(owner, { variantId: v, quantity: 1, limit: 9 })
      expect(again.ok && quantities(again.cart)).toEqual({ [v]: 1 })
      // Nothing expired is left to sweep once the store has swept (SQL) or Redis has expired it.
      await short.sweepExpired()
      await eventually(async () => (await short.find(guest(fresh.ok ? fresh.cart.id : ''))) === undefined, 5000, 'the new cart to expire')
      expect(await short.sweepExpired()).toBeGreaterThanOrEqual(0)
    })
  })
})
