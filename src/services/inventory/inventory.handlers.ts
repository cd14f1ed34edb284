import type { Message } from '../../contracts/message.ts'
import type { PayloadOf } from '../../contracts/messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import { commitReservation } from './commit-reservation.ts'
import { createLevels } from './create-levels.ts'
import type { InventoryDeps } from './inventory.deps.ts'
import { releaseReservation } from './release-reservation.ts'
import { reserveStock } from './reserve-stock.ts'

/** Each handler runs inside the inbox transaction of its message: its effect and its answers commit together. */

export async function onProductCreated(msg: Message<PayloadOf<'product.created'>>, tx: Tx, deps: InventoryDeps): Promise<void> {
  await createLevels(deps, tx, msg.payload.variants)
}

/** A product that gained variants gets levels for them; existing levels are left as they are. */
export async function onProductUpdated(msg: Message<PayloadOf<'product.updated'>>, tx: Tx, deps: InventoryDeps): Promise<void> {
  await createLevels(deps, tx, msg.payload.variants)
}

/** A deleted product's stock stays as it is: its history is kept and a restored product finds it again. */
export async function onProductDeleted(msg: Message<PayloadOf<'product.deleted'>>, _tx: Tx, deps: InventoryDeps): Promise<void> {
  deps.log.debug({ productId: msg.payload.productId, skus: msg.payload.skus.length }, 'product deleted; its stock is kept')
}

export async function onReserve(msg: Message<PayloadOf<'inventory.reserve'>>, tx: Tx, deps: InventoryDeps): Promise<void> {
  await reserveStock(deps, tx, msg.payload)
}

export async function onCommit(msg: Message<PayloadOf<'inventory.commit'>>, tx: Tx, deps: InventoryDeps): Promise<void> {
  await commitReservation(deps, tx, msg.payload.orderId)
}

export async function onRelease(msg: Message<PayloadOf<'inventory.release'>>, tx: Tx, deps: InventoryDeps): Promise<void> {
  await releaseReservation(deps, tx, msg.payload)
}
