/** The order events ordering emits, built from its rows: every one carries who and which order. */
import { inventoryCommit, inventoryRelease, inventoryReserve } from '../../contracts/inventory.messages.ts'
import type { OutgoingMessage } from '../../contracts/message.ts'
import { orderCancelled, orderConfirmed, orderDelivered, orderReturned, orderShipped } from '../../contracts/order.events.ts'
import { paymentAuthorize, paymentCapture, paymentVoid } from '../../contracts/payment.messages.ts'
import type { SagaCommand } from './saga.rules.ts'
import type { OrderLineRow, OrderRow } from './order.tables.ts'

export function orderRefOf(o: OrderRow) {
  return { orderId: o.id, number: o.number, customerId: o.customerId, email: o.email }
}

function linesOf(o: OrderRow, lines: readonly OrderLineRow[]) {
  return lines.map((l) => ({
    variantId: l.variantId,
    productId: l.productId,
    sku: l.sku,
    name: l.name,
    quantity: l.quantity,
    unitPrice: { amount: Number(l.unitPriceMinor), currency: o.currency },
  }))
}

const moneyOf = (amount: number, o: OrderRow) => ({ amount: Number(amount), currency: o.currency })

export function confirmedEvent(o: OrderRow, lines: readonly OrderLineRow[]) {
  return orderConfirmed({
    ...orderRefOf(o),
    lines: linesOf(o, lines),
    subtotal: moneyOf(o.subtotalMinor, o),
    shippingTotal: moneyOf(o.shippingTotalMinor, o),
    total: moneyOf(o.totalMinor, o),
    shippingMethod: { id: o.shippingMethod.id, name: o.shippingMethod.name },
    shippingAddress: o.shippingAddress,
  })
}

export function cancelledEvent(o: OrderRow, previousStatus: 'pending' | 'confirmed', lines: readonly OrderLineRow[]) {
  return orderCancelled({
    ...orderRefOf(o),
    reason: o.cancellationReason ?? 'timeout',
    ...(o.cancellationDetail ? { detail: o.cancellationDetail } : {}),
    previousStatus,
    lines: linesOf(o, lines),
    total: moneyOf(o.totalMinor, o),
  })
}

export function shippedEvent(o: OrderRow, shipment: { shipmentId: string; trackingNumber: string; carrier: string }) {
  return orderShipped({ ...orderRefOf(o), ...shipment })
}

export function deliveredEvent(o: OrderRow, lines: readonly OrderLineRow[], deliveredAt: Date) {
  return orderDelivered({ ...orderRefOf(o), lines: linesOf(o, lines), deliveredAt: deliveredAt.toISOString() })
}

export function returnedEvent(
  o: OrderRow,
  ret: { id: string; refundMinor: number; lines: ReadonlyArray<{ variantId: string; sku: string; quantity: number }> },
  fully: boolean,
) {
  return orderReturned({
    ...orderRefOf(o),
    returnId: ret.id,
    lines: ret.lines.map((l) => ({ variantId: l.variantId, sku: l.sku, quantity: l.quantity })),
    refund: moneyOf(ret.refundMinor, o),
    fully,
  })
}

export function reserveCommand(o: OrderRow, lines: readonly OrderLineRow[], ttlSeconds: number) {
  return inventoryReserve({ orderId: o.id, lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), ttlSeconds })
}

/** The command message for one saga command; `reason` says why stock or money goes back. */
export function commandFor(command: Exclude<SagaCommand, 'reserve'>, o: OrderRow, reason: string): OutgoingMessage {
  switch (command) {
    case 'authorize':
      return paymentAuthorize({
        orderId: o.id,
        customerId: o.customerId,
        email: o.email,
        amount: moneyOf(o.totalMinor, o),
        paymentMethodId: o.paymentMethodId,
      })
    case 'commit':
      return inventoryCommit({ orderId: o.id })
    case 'capture':
      return paymentCapture({ orderId: o.id })
    case 'release':
      return inventoryRelease({ orderId: o.id, reason })
    case 'void':
      return paymentVoid({ orderId: o.id, reason })
  }
}
