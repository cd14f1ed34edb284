import type { Envelope } from '../../contracts/message.ts'

/** How a transport hands a message to one consuming service. */
export interface DeliveryHandler {
  /** Applies the message. Throws to ask for a retry; a PoisonMessage skips the retries. */
  handle(envelope: Envelope, attempt: number): Promise<void>
  /** Stores a message whose retries are exhausted; resolves once it is durable. */
  deadLetter(envelope: Envelope, attempts: number, error: unknown): Promise<void>
}

export interface Transport {
  readonly kind: 'in-process' | 'rabbitmq'
  /** Resolves once the message is safe: confirmed by the broker, or handled by every local consumer. */
  publish(envelope: Envelope): Promise<void>
  /** Starts delivering messages of these types to the named consumer (one queue per service). */
  subscribe(consumer: string, types: string[], handler: DeliveryHandler): Promise<void>
  /** Sends a message to one consumer only: the replay of a dead letter. */
  redeliver(consumer: string, envelope: Envelope): Promise<void>
  /** Readiness: throws when the broker cannot be reached. */
  check(): Promise<void>
  /** Stops consuming, lets handlers in flight finish, then closes the connection. */
  close(): Promise<void>
}

/** A message that can never succeed as it is (unknown type, payload off contract): no retries. */
export class PoisonMessage extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PoisonMessage'
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 2000)
  return String(error).slice(0, 2000)
}
