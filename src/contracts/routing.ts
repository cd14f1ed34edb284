import type { MessageType } from './messages.ts'

/**
 * Who consumes what: each service's queue and the message types bound to it. Every process
 * declares all of these queues when it connects to the broker, so a message published before
 * its consumer first starts waits in the queue instead of being dropped. A service's consumer
 * refuses to start if its handlers and this table disagree.
 */
export const CONSUMERS: Readonly<Record<string, readonly MessageType[]>> = {
  catalog: ['inventory.changed'],
  inventory: ['product.created', 'product.updated', 'product.deleted', 'inventory.reserve', 'inventory.commit', 'inventory.release'],
  notification: ['user.registered', 'user.verification_requested', 'user.password_reset_requested'],
}
