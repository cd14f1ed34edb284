import { z } from 'zod'

/** The envelope every message travels in, on every transport. */
export const Envelope = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[a-z]+(\.[a-z_]+)+$/),
  occurredAt: z.iso.datetime(),
  source: z.string().min(1),
  correlationId: z.string().min(1).max(128),
  causationId: z.uuid().nullable(),
  traceparent: z.string().nullable(),
  payload: z.unknown(),
})
export type Envelope = z.infer<typeof Envelope>

export interface MessageDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  type: T
  schema: S
  /** Builds the message to hand to `outbox.add`. */
  (payload: z.input<S>): OutgoingMessage<T, z.output<S>>
}

export interface OutgoingMessage<T extends string = string, P = unknown> {
  type: T
  payload: P
}

/** A consumed message: the envelope with its payload checked against the contract. */
export type Message<P> = Omit<Envelope, 'payload'> & { payload: P }

export function defineMessage<const T extends string, S extends z.ZodType>(type: T, schema: S): MessageDefinition<T, S> {
  const make = (payload: z.input<S>) => ({ type, payload: schema.parse(payload) as z.output<S> })
  return Object.assign(make, { type, schema }) as MessageDefinition<T, S>
}
