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
} from './inventory.messages.ts'
import type { MessageDefinition } from './message.ts'

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
  [inventoryReserved.type]: inventoryReserved,
  [inventoryReservationFailed.type]: inventoryReservationFailed,
  [inventoryCommitted.type]: inventoryCommitted,
  [inventoryCommitFailed.type]: inventoryCommitFailed,
  [inventoryReleased.type]: inventoryReleased,
  [inventoryChanged.type]: inventoryChanged,
  [inventoryLowStock.type]: inventoryLowStock,
} as const satisfies Record<string, MessageDefinition>

export type MessageType = keyof typeof MESSAGES
export type PayloadOf<T extends MessageType> = z.output<(typeof MESSAGES)[T]['schema']>
