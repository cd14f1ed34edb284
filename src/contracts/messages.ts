import type { z } from 'zod'
import { userPasswordResetRequested, userRegistered, userVerificationRequested } from './identity.events.ts'
import type { MessageDefinition } from './message.ts'

/** Every message type that crosses a service boundary, by its routing key. */
export const MESSAGES = {
  [userRegistered.type]: userRegistered,
  [userVerificationRequested.type]: userVerificationRequested,
  [userPasswordResetRequested.type]: userPasswordResetRequested,
} as const satisfies Record<string, MessageDefinition>

export type MessageType = keyof typeof MESSAGES
export type PayloadOf<T extends MessageType> = z.output<(typeof MESSAGES)[T]['schema']>
