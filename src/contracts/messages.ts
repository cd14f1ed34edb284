import type { z } from 'zod'
import { productCreated, productDeleted, productUpdated } from './catalog.events.ts'
import { userPasswordResetRequested, userRegistered, userVerificationRequested } from './identity.events.ts'
import {
  inventoryChanged,
  inventoryCommit,
  inventoryCommitFailed,
  inventoryCommitted,
  inventoryLowStock,
  inventoryRelease,
  inventoryReleased,
  inventoryReservationFailed,
  inventoryReserve,
  inventoryReserved,
  inventoryRestock,
  inventoryRestocked,
} from './inventory.messages.ts'
import type { MessageDefinition } from './message.ts'
import { orderCancelled, orderConfirmed, orderDelivered, orderReturned, orderShipped } from './order.events.ts'
import {
  paymentAuthorize,
  paymentAuthorized,
  paymentCapture,
  paymentCaptured,
  paymentCaptureFailed,
  paymentDisputed,
  paymentFailed,
  paymentRefund,
  paymentRefunded,
  paymentRefundFailed,
  paymentVoid,
  paymentVoided,
} from './payment.messages.ts'
import { shipmentCancelled, shipmentCreated, shipmentDelivered, shipmentShipped } from './shipping.events.ts'

/** Every message type that crosses a service boundary, by its routing key. */
export const MESSAGES = {
  [userRegistered.type]: userRegistered,
  [userVerificationRequested.type]: userVerificationRequested,
  [userPasswordResetRequested.type]: userPasswordResetRequested,
  [productCreated.type]: productCreated,
  [productUpdated.type]: productUpdated,
  [productDeleted.type]: productDeleted,
  [inventoryReserve.type]: inventoryReserve,
  [inventoryCommit.type]: inventoryCommit,
  [inventoryRelease.type]: inventoryRelease,
  [inventoryRestock.type]: inventoryRestock,
  [inventoryReserved.type]: inventoryReserved,
  [inventoryReservationFailed.type]: inventoryReservationFailed,
  [inventoryCommitted.type]: inventoryCommitted,
  [inventoryCommitFailed.type]: inventoryCommitFailed,
  [inventoryReleased.type]: inventoryReleased,
  [inventoryRestocked.type]: inventoryRestocked,
  [inventoryChanged.type]: inventoryChanged,
  [inventoryLowStock.type]: inventoryLowStock,
  [orderConfirmed.type]: orderConfirmed,
  [orderCancelled.type]: orderCancelled,
  [orderShipped.type]: orderShipped,
  [orderDelivered.type]: orderDelivered,
  [orderReturned.type]: orderReturned,
  [paymentAuthorize.type]: paymentAuthorize,
  [paymentCapture.type]: paymentCapture,
  [paymentVoid.type]: paymentVoid,
  [paymentRefund.type]: paymentRefund,
  [paymentAuthorized.type]: paymentAuthorized,
  [paymentFailed.type]: paymentFailed,
  [paymentCaptured.type]: paymentCaptured,
  [paymentCaptureFailed.type]: paymentCaptureFailed,
  [paymentVoided.type]: paymentVoided,
  [paymentRefunded.type]: paymentRefunded,
  [paymentRefundFailed.type]: paymentRefundFailed,
  [paymentDisputed.type]: paymentDisputed,
  [shipmentCreated.type]: shipmentCreated,
  [shipmentShipped.type]: shipmentShipped,
  [shipmentDelivered.type]: shipmentDelivered,
  [shipmentCancelled.type]: shipmentCancelled,
} as const satisfies Record<string, MessageDefinition>

export type MessageType = keyof typeof MESSAGES
export type PayloadOf<T extends MessageType> = z.output<(typeof MESSAGES)[T]['schema']>
