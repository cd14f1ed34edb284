import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * What ties work together across services: the id of the request (or message chain) that
 * started it, and its W3C trace context. Set for each HTTP request and each consumed message;
 * read by the outbox (messages inherit it) and by the logger (every line carries it).
 */
export interface WorkContext {
  correlationId: string
  traceparent: string | null
  /** The message being handled, when the work is a consumer's. */
  causationId?: string
}

const storage = new AsyncLocalStorage<WorkContext>()

export function currentContext(): WorkContext | undefined {
  return storage.getStore()
}

export function runWithContext<T>(context: WorkContext, fn: () => T): T {
  return storage.run(context, fn)
}

/** Enters a context for the rest of the current async flow (a Fastify onRequest hook). */
export function enterContext(context: WorkContext): void {
  storage.enterWith(context)
}

const TRACEPARENT = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/

export function validTraceparent(value: unknown): string | null {
  return typeof value === 'string' && TRACEPARENT.test(value) ? value : null
}
