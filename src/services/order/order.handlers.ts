import type { Message } from '../../contracts/message.ts'
import type { MessageType, PayloadOf } from '../../contracts/messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import type { OrderDeps } from './order.deps.ts'
import { outOfStockDetail, paymentDeclinedDetail } from './order.rules.ts'
import type { OrderRow } from './order.tables.ts'
import { addSagaLog, lockOrder } from './orders.repo.ts'
import { recordReturnRefund } from './record-return-refund.ts'
import { markRestocked } from './returns.repo.ts'
import { runSagaStep } from './saga-step.ts'

/**
 * Each handler runs inside the inbox transaction of its message: it locks the order, so the same
 * news arriving twice at once is applied one after the other and the second finds nothing to do.
 */

type Handler<T extends MessageType> = (msg: Message<PayloadOf<T>>, tx: Tx, deps: OrderDeps) => Promise<void>

async function withOrder(deps: OrderDeps, tx: Tx, msg: Message<{ orderId: string }>, work: (order: OrderRow) => Promise<unknown>): Promise<void> {
  const order = await lockOrder(tx, msg.payload.orderId)
  if (!order) {
    deps.log.warn({ orderId: msg.payload.orderId, type: msg.type, messageId: msg.id }, 'message about an order that does not exist; ignored')
    return
  }
  await work(order)
}

// --- Inventory ---

export const onInventoryReserved: Handler<'inventory.reserved'> = (msg, tx, deps) =>
  withOrder(deps, tx, msg, (order) => runSagaStep(deps, tx, order, { event: { type: 'reserved' }, entry: msg.type }))

export const onInventoryReservationFailed: Handler<'inventory.reservation_failed'> = (msg, tx, deps) =>
  withOrder(deps, tx, msg, (order) =>
    runSagaStep(deps, tx, order, { event: { type: 'reservation_failed' }, entry: msg.type, detail: outOfStockDetail(msg.payload.reason, msg.payload.shortages) }),
  )

export const onInventoryCommitted: Handler<'inventory.committed'> = (msg, tx, deps) =>
  withOrder(deps, tx, msg, (order) => runSagaStep(deps, tx, order, { event: { type: 'committed' }, entry: msg.type }))

export const onInventoryCommitFailed: Handler<'inventory.commit_failed'> = (msg, tx, deps) =>
  withOrder(deps, tx, msg, (order) =>
    runSagaStep(deps, tx, order, {
      event: { type: 'commit_failed' },
      entry: msg.type,
      detail: `The stock held for this order was ${msg.payload.reason === 'expired' ? 'released when its time ran out' : 'no longer held'} before the sale was completed.`,
    }),
  )

export const onInventoryReleased: Handler<'inventory.released'> = (msg, tx, deps) =>
  withOrder(deps, tx, msg, (order) =>
    addSagaLog(tx, order.id, msg.type, `stock ${msg.payload.restocked ? 'back on hand' : 'released'} (${msg.payload.reason})`),
  )

export const onInventoryRestocked: Handler<'inventory.restocked'> = (msg, tx, deps) =>
  withOrder(deps, tx, msg, async (order) => {
    await markRestocked(tx, msg.payload.returnId, order.id)
    await addSagaLog(tx, order.id, msg.type, `return ${msg.payload.returnId} back on hand`)
  })

// --- Payment ---

export const onPaymentAuthorized: Handler<'payment.authorized'> = (msg, tx, deps) =>
  withOrder(deps, tx, msg, (order) => runSagaStep(deps, tx, order, { event: { type: 'authorized' }, entry: msg.type, paymentId: msg.payload.paymentId }))

export const onPaymentFailed: Handler<'payment.failed'> = (msg, tx, deps) =>
  withOrder(deps, tx, msg, (order) =>
    runSagaStep(deps, tx, order, {
      event: { type: 'payment_failed', voided: msg.payload.reason === 'cancelled' },
      entry: msg.type,
      detail: paymentDeclinedDetail(msg.payload.reason, msg.payload.message),
      paymentId: msg.payload.paymentId,
    }),
  )

export const onPaymentCaptured: Handler<'payment.captured'> = (msg, tx, deps) =>
  withOrder(deps, tx, msg, (order) => runSagaStep(deps, tx, order, { event: { type: 'captured' }, entry: msg.type, paymentId: msg.payload.paymentId }))

export const onPaymentCaptureFailed: Handler<'payment.capture_failed'> = (msg, tx, deps) =>
  withOrder(deps, tx, msg, (order) =>
    runSagaStep(deps, tx, order, {
      event: { type: 'capture_failed' },
      entry: msg.type,
      detail: paymentDeclinedDetail(msg.payload.reason, msg.payload.message),
      paymentId: msg.payload.paymentId,
    }),
  )

export const onPaymentVoided: Handler<'payment.voided'> = (msg, tx, deps) =>
  withOrder(deps, tx, msg, (order) =>
    runSagaStep(deps, tx, order, { event: { type: 'voided' }, entry: msg.type, detail: `voided (${msg.payload.reason})`, paymentId: msg.payload.paymentId }),
  )

export const onPaymentRefunded: Handler<'payment.refunded'> = (msg, tx, deps) =>
  withOrder(deps, tx, msg, async (order) => {
    const { refundId, status, refundedTotal, paymentId, amount } = msg.payload
    const forReturn = await recordReturnRefund(tx, order.id, refundId, 'refunded')
    await runSagaStep(deps, tx, order, {
      event: { type: 'refunded', refundedTotal: refundedTotal.amount, fully: status === 'refunded' },
      entry: msg.type,
      detail: `refunded ${amount.amount} ${amount.currency}${forReturn ? ` for return ${refundId}` : ''}`,
      paymentId,
    })
  })

export const onPaymentRefundFailed: Handler<'payment.refund_failed'> = (msg, tx, deps) =>
  withOrder(deps, tx, msg, async (order) => {
    await recordReturnRefund(tx, order.id, msg.payload.refundId, 'refund_failed')
    await addSagaLog(tx, order.id, msg.type, `refund ${msg.payload.refundId} failed: ${msg.payload.message}`)
    deps.log.warn({ orderId: order.id, refundId: msg.payload.refundId, reason: msg.payload.reason }, 'a refund failed')
  })

export const onPaymentDisputed: Handler<'payment.disputed'> = (msg, tx, deps) =>
  withOrder(deps, tx, msg, (order) =>
    runSagaStep(deps, tx, order, { event: { type: 'disputed' }, entry: msg.type, detail: `disputed: ${msg.payload.reason}`, paymentId: msg.payload.paymentId }),
  )

// --- Shipping ---

export const onShipmentShipped: Handler<'shipment.shipped'> = (msg, tx, deps) =>
  withOrder(deps, tx, msg, (order) =>
    runSagaStep(deps, tx, order, { event: { type: 'shipped' }, entry: msg.type, shipment: { ...shipmentOf(msg.payload), at: new Date(msg.payload.shippedAt) } }),
  )

export const onShipmentDelivered: Handler<'shipment.delivered'> = (msg, tx, deps) =>
  withOrder(deps, tx, msg, (order) =>
    runSagaStep(deps, tx, order, { event: { type: 'delivered' }, entry: msg.type, shipment: { ...shipmentOf(msg.payload), at: new Date(msg.payload.deliveredAt) } }),
  )

function shipmentOf(p: { shipmentId: string; trackingNumber: string; carrier: string }) {
  return { shipmentId: p.shipmentId, trackingNumber: p.trackingNumber, carrier: p.carrier }
}
