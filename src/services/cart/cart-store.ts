import type { Tx } from '../../platform/db/db.ts'

/**
 * Whose cart: a guest's, addressed by the id the client holds (none yet: `cartId` absent), or a
 * signed-in customer's, of which there is one.
 */
export type CartOwner = { kind: 'guest'; cartId?: string | undefined } | { kind: 'customer'; customerId: string }

export interface StoredLine {
  variantId: string
  quantity: number
  addedAt: Date
}

/** A live cart as a store holds it: quantities only; prices come from the read model when it is shown. */
export interface StoredCart {
  id: string
  customerId: string | null
  /** Oldest first. */
  lines: StoredLine[]
  updatedAt: Date
  /** When it is forgotten unless it is written to before. */
  expiresAt: Date
  /** The checkout holding it, if one does: no other may start from it until then. */
  checkout: CheckoutHold | null
}

export interface CheckoutHold {
  orderId: string
  until: Date
}

export type ClaimOutcome =
  /** Held for this order now (again, if it already was): its lines are what the order sells. */
  | { status: 'claimed'; cart: StoredCart }
  /** Another order's checkout holds it. */
  | { status: 'held'; orderId: string }
  /** No cart, or no line in it. */
  | { status: 'empty' }

/** A quantity of a variant, as an order line carries it (several lines of one variant are summed first). */
export interface VariantQuantity {
  variantId: string
  quantity: number
}

export type AddOutcome =
  | { ok: true; cart: StoredCart }
  /** The line would have exceeded `limit`; nothing changed. `current` is what the line holds (0 when absent). */
  | { ok: false; current: number }

export type MergeOutcome =
  | { status: 'merged'; cart: StoredCart }
  /** No live guest cart by that id (never was, already merged, expired): the customer's cart as it is. */
  | { status: 'nothing'; cart: StoredCart | undefined }
  /** The guest cart holds variants `caps` did not cover (a line added meanwhile): ask again with them. */
  | { status: 'caps_needed'; variantIds: string[] }

/**
 * Where carts live: SQL tables in the embedded mode, Redis in the distributed mode. Every write
 * refreshes the cart's time to live; a cart idle for longer is gone for every method. Both
 * implementations pass cart-store.contract.test.ts.
 */
export interface CartStore {
  /** The live cart, or undefined. A guest owner without a cart id has none. */
  find(owner: CartOwner): Promise<StoredCart | undefined>

  /**
   * Adds to a line (created when absent), atomically refusing when the line would exceed `limit`.
   * A guest whose cart is missing or expired gets a new cart with a new id; so does a customer.
   */
  addLine(owner: CartOwner, line: VariantQuantity & { limit: number }): Promise<AddOutcome>

  /** Sets a line's quantity (0 removes it); undefined when there is no such cart or no such line. */
  setLine(owner: CartOwner, line: VariantQuantity): Promise<StoredCart | undefined>

  /** Removes a line if present; the cart, or undefined when there is none. */
  removeLine(owner: CartOwner, variantId: string): Promise<StoredCart | undefined>

  /** Forgets the cart; nothing happens when there is none. */
  delete(owner: CartOwner): Promise<void>

  /**
   * Moves a guest cart into the customer's, in one atomic step: each line's quantity becomes
   * max(existing, min(existing + guest, cap)), lines capped to 0 are dropped, the guest cart is
   * deleted. Two merges of one guest cart at once add it once. `caps` must name every variant of
   * the guest cart.
   */
  merge(guestCartId: string, customerId: string, caps: ReadonlyMap<string, number>): Promise<MergeOutcome>

  /**
   * A checkout takes the cart for `orderId`, atomically: until the order is settled (or `holdMs`
   * passes) no other checkout may start from it. The same order claiming again gets it again.
   * Lines may still change meanwhile; the order sells what the claim answered.
   */
  claim(owner: CartOwner, orderId: string, holdMs: number): Promise<ClaimOutcome>

  /** The checkout ended without an order: its hold goes (only that order's). */
  release(owner: CartOwner, orderId: string): Promise<void>

  /**
   * An order was confirmed: its quantities leave the customer's cart (a line at or below the
   * ordered quantity goes) and its hold goes. Once per order, and never after that order's
   * cancellation was applied.
   */
  removeOrdered(customerId: string, orderId: string, lines: readonly VariantQuantity[]): Promise<void>

  /** An order was cancelled: each of its lines is back, at max(current, ordered), and its hold goes. Once per order. */
  restoreOrdered(customerId: string, orderId: string, lines: readonly VariantQuantity[]): Promise<void>

  /** Deletes what has expired, where expiry is not automatic; how many carts went. */
  sweepExpired(): Promise<number>

  /** The same store, working inside this transaction where it can (message handlers run in one). */
  within(tx: Tx): CartStore
}
