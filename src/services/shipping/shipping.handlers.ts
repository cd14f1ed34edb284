import type { Message } from '../../contracts/message.ts'
import type { PayloadOf } from '../../contracts/messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import { cancelShipmentOfOrder } from './cancel-order-shipment.ts'
import { recordCancelled, recordConfirmed } from './orders.repo.ts'
import type { ShippingDeps } from './shipping.deps.ts'
import { upsertVariants } from './variants.repo.ts'

/** Each handler runs inside the inbox transaction of its message: its effect and its events commit together. */

type ProductSnapshot = PayloadOf<'product.created'>

async function recordVariants(msg: Message<ProductSnapshot>, tx: Tx): Promise<void> {
  const { productId, variants } = msg.payload
  await upsertVariants(
    tx,
    variants.map((v) => ({
      variantId: v.variantId,
      productId,
      sku: v.sku,
      priceMinor: v.price.amount,
      currency: v.price.currency,
      weightGrams: v.weightGrams,
    })),
    new Date(msg.occurredAt),
  )
}

export async function onProductCreated(msg: Message<PayloadOf<'product.created'>>, tx: Tx): Promise<void> {
  await recordVariants(msg, tx)
}

/** The whole current snapshot: changed weights and prices replace the old ones; a variant no longer listed stays quotable for carts that still hold it. */
export async function onProductUpdated(msg: Message<PayloadOf<'product.updated'>>, tx: Tx): Promise<void> {
  await recordVariants(msg, tx)
}

export async function onOrderConfirmed(msg: Message<PayloadOf<'order.confirmed'>>, tx: Tx): Promise<void> {
  const o = msg.payload
  await recordConfirmed(tx, {
    orderId: o.orderId,
    number: o.number,
    customerId: o.customerId,
    shippingMethodId: o.shippingMethod.id,
    shippingMethodName: o.shippingMethod.name,
    shippingAddress: o.shippingAddress,
  })
}

export async function onOrderCancelled(msg: Message<PayloadOf<'order.cancelled'>>, tx: Tx, deps: ShippingDeps): Promise<void> {
  const o = msg.payload
  await recordCancelled(tx, { orderId: o.orderId, number: o.number, customerId: o.customerId })
  await cancelShipmentOfOrder(deps, tx, o.orderId)
}
