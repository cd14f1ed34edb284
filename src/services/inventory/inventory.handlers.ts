import type { Message } from '../../contracts/message.ts'
import type { PayloadOf } from '../../contracts/messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import { commitReservation } from './commit-reservation.ts'
import { createLevels } from './create-levels.ts'
import type { InventoryDeps } from './inventory.deps.ts'
import { releaseReservation } from './release-reservation.ts'
import { reserveStock } from './reserve-stock.ts'
import { restockReturn } from './restock-return.ts'
import { announceLevel } from './stock-changes.ts'
import { findLevels } from './stock.repo.ts'

/** Each handler runs inside the inbox transaction of its message: its effect and its answers commit together. */

export async function onProductCreated(msg: Message<PayloadOf<'product.created'>>, tx: Tx, deps: InventoryDeps): Promise<void> {
  await createLevels(deps, tx, msg.payload.variants)
}

/**
 * A product that gained variants gets levels for them; existing levels are left as they are but
 * announced again, so a service that keeps availability and has just learnt the product (the
 * catalog re-announcing itself to a service added later) learns its stock too. Readers keep the
 * newest version, so a repeat changes nothing for them.
 */
export async function onProductUpdated(msg: Message<PayloadOf<'product.updated'>>, tx: Tx, deps: InventoryDeps): Promise<void> {
  const created = new Set(await createLevels(deps, tx, msg.payload.variants))
  const existing = await findLevels(tx, msg.payload.variants.map((v) => v.sku).filter((sku) => !created.has(sku)))
  for (const level of existing) await announceLevel(deps, tx, level)
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

export async function onRestock(msg: Message<PayloadOf<'inventory.restock'>>, tx: Tx, deps: InventoryDeps): Promise<void> {
  await restockReturn(deps, tx, msg.payload)
}
