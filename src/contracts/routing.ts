import type { MessageType } from './messages.ts'

/**
 * Who consumes what: each service's queue and the message types bound to it. Every process
 * declares all of these queues when it connects to the broker, so a message published before
 * its consumer first starts waits in the queue instead of being dropped. A service's consumer
 * refuses to start if its handlers and this table disagree.
 */
export const CONSUMERS: Readonly<Record<string, readonly MessageType[]>> = {
  catalog: ['inventory.changed', 'order.delivered'],
  inventory: [
    'product.created',
    'product.updated',
    'product.deleted',
    'inventory.reserve',
    'inventory.commit',
    'inventory.release',
    'inventory.restock',
  ],
  cart: ['product.created', 'product.updated', 'product.deleted', 'inventory.changed', 'order.confirmed', 'order.cancelled'],
  order: [
    'inventory.reserved',
    'inventory.reservation_failed',
    'inventory.committed',
    'inventory.commit_failed',
    'inventory.released',
    'inventory.restocked',
    'payment.authorized',
    'payment.failed',
    'payment.captured',
    'payment.capture_failed',
    'payment.voided',
    'payment.refunded',
    'payment.refund_failed',
    'payment.disputed',
    'shipment.shipped',
    'shipment.delivered',
  ],
  payment: ['payment.authorize', 'payment.capture', 'payment.void', 'payment.refund'],
  shipping: ['product.created', 'product.updated', 'order.confirmed', 'order.cancelled'],
  notification: [
    'user.registered',
    'user.verification_requested',
    'user.password_reset_requested',
    'order.confirmed',
    'order.cancelled',
    'order.shipped',
    'order.delivered',
    'payment.refunded',
    'inventory.low_stock',
  ],
}
