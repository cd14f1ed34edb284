import type { Message } from '../../contracts/message.ts'
import type { PayloadOf } from '../../contracts/messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import type { CartDeps } from './cart.deps.ts'
import { markProductDeleted, saveProductSnapshot, saveStockIfNewer } from './read-model.repo.ts'

/**
 * Each handler runs inside the inbox transaction of its message. The read model changes in that
 * transaction; cart changes go through the store, inside the transaction where the store is SQL
 * and straight to Redis otherwise (idempotent by order id, so a retry after a rollback is safe).
 */

/** A snapshot newer than the one kept replaces it; an older one arriving late is ignored. */
export async function onProductSnapshot(msg: Message<PayloadOf<'product.created'>>, tx: Tx, deps: CartDeps): Promise<void> {
  const applied = await saveProductSnapshot(tx, msg.payload, new Date(msg.occurredAt))
  if (!applied) deps.log.debug({ productId: msg.payload.productId, messageId: msg.id }, 'older product snapshot ignored')
}

export async function onProductDeleted(msg: Message<PayloadOf<'product.deleted'>>, tx: Tx, _deps: CartDeps): Promise<void> {
  await markProductDeleted(tx, msg.payload.productId, new Date(msg.occurredAt))
}

export async function onInventoryChanged(msg: Message<PayloadOf<'inventory.changed'>>, tx: Tx, _deps: CartDeps): Promise<void> {
  await saveStockIfNewer(tx, msg.payload)
}

/** What was bought leaves the cart; lines added since stay. */
export async function onOrderConfirmed(msg: Message<PayloadOf<'order.confirmed'>>, tx: Tx, deps: CartDeps): Promise<void> {
  const { customerId, orderId, lines } = msg.payload
  await deps.store.within(tx).removeOrdered(customerId, orderId, lines)
}

/** What a cancelled order held is back in the cart (its lines stayed there unless the order had been confirmed). */
export async function onOrderCancelled(msg: Message<PayloadOf<'order.cancelled'>>, tx: Tx, deps: CartDeps): Promise<void> {
  const { customerId, orderId, lines } = msg.payload
  await deps.store.within(tx).restoreOrdered(customerId, orderId, lines)
}
