/**
 * What every service's test kit shares: the structural view of a running service, the answer of
 * an `inject`, and a message envelope as the bus delivers it. Structural types keep service test
 * kits free of imports from test/.
 */
import { v7 as uuidv7 } from 'uuid'
import type { Envelope } from '../contracts/message.ts'
import type { MessageType, PayloadOf } from '../contracts/messages.ts'
import type { App } from './http.ts'
import type { ServiceContext } from './service.ts'

export interface Running {
  app: App
  ctx: ServiceContext
  consumer: { handle(envelope: Envelope): Promise<void> }
}

export interface Reply {
  statusCode: number
  headers: Record<string, unknown>
  body: string
  json<T = Record<string, unknown>>(): T
}

/** A message as another service would send it, with a fresh id. */
export function envelope<T extends MessageType>(
  type: T,
  payload: PayloadOf<T>,
  options: { occurredAt?: Date; correlationId?: string } = {},
): Envelope {
  const id = uuidv7()
  return {
    id,
    type,
    occurredAt: (options.occurredAt ?? new Date()).toISOString(),
    source: 'test',
    correlationId: options.correlationId ?? id,
    causationId: null,
    traceparent: null,
    payload,
  }
}
