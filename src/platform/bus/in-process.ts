import { setTimeout as sleep } from 'node:timers/promises'
import type { Envelope } from '../../contracts/message.ts'
import type { Logger } from '../log.ts'
import { type RetryPolicy, retryDelay } from '../retry.ts'
import { type DeliveryHandler, PoisonMessage, type Transport } from './transport.ts'

interface Subscription {
  consumer: string
  types: Set<string>
  handler: DeliveryHandler
}

export interface InProcessOptions {
  /**
   * The consumers this process will start and the types each takes (contracts/routing.ts, only
   * the services started). A message for one that has not subscribed yet waits for it, as a
   * broker's declared queue keeps it, instead of being lost (an admin identity creates at start,
   * before notification subscribes, say).
   */
  expected?: Readonly<Record<string, readonly string[]>>
}

/**
 * The embedded mode's transport. A publish resolves only when every subscribed consumer has
 * handled the message or dead-lettered it, so the outbox row stays unsent (and is sent again
 * after a restart) until the message has taken effect everywhere.
 */
export class InProcessTransport implements Transport {
  readonly kind = 'in-process'
  private readonly subscriptions: Subscription[] = []
  private readonly inFlight = new Set<Promise<unknown>>()
  private readonly abort = new AbortController()
  private readonly waiting = new Map<string, Array<(sub: Subscription) => void>>()

  constructor(
    private readonly policy: RetryPolicy,
    private readonly log: Logger,
    private readonly options: InProcessOptions = {},
  ) {}

  async publish(envelope: Envelope): Promise<void> {
    this.assertOpen()
    const targets = this.subscriptions.filter((s) => s.types.has(envelope.type))
    const late = Object.entries(this.options.expected ?? {})
      .filter(([consumer, types]) => types.includes(envelope.type) && !this.subscriptions.some((s) => s.consumer === consumer))
      .map(([consumer]) => this.whenSubscribed(consumer).then((s) => (s.types.has(envelope.type) ? this.deliver(s, envelope) : undefined)))
    await this.track(Promise.all([...targets.map((s) => this.deliver(s, envelope)), ...late]))
  }

  async subscribe(consumer: string, types: string[], handler: DeliveryHandler): Promise<void> {
    const existing = this.subscriptions.find((s) => s.consumer === consumer)
    if (existing) {
      for (const t of types) existing.types.add(t)
      existing.handler = handler
      return
    }
    const subscription = { consumer, types: new Set(types), handler }
    this.subscriptions.push(subscription)
    const waiting = this.waiting.get(consumer) ?? []
    this.waiting.delete(consumer)
    for (const resume of waiting) resume(subscription)
  }

  async redeliver(consumer: string, envelope: Envelope): Promise<void> {
    this.assertOpen()
    const target = this.subscriptions.find((s) => s.consumer === consumer)
    if (!target) throw new Error(`No consumer named ${consumer}`)
    await this.track(this.deliver(target, envelope))
  }

  async check(): Promise<void> {
    this.assertOpen()
  }

  async close(): Promise<void> {
    this.abort.abort()
    await Promise.allSettled([...this.inFlight])
  }

  /** Resolves when the consumer subscribes; rejects if the transport closes first (the message stays unsent in the outbox). */
  private whenSubscribed(consumer: string): Promise<Subscription> {
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(new Error(`The in-process transport closed before ${consumer} subscribed`))
      this.abort.signal.addEventListener('abort', onAbort, { once: true })
      const waiting = this.waiting.get(consumer) ?? []
      waiting.push((sub) => {
        this.abort.signal.removeEventListener('abort', onAbort)
        resolve(sub)
      })
      this.waiting.set(consumer, waiting)
    })
  }

  private assertOpen(): void {
    if (this.abort.signal.aborted) throw new Error('The in-process transport is closed')
  }

  private async track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p)
    try {
      return await p
    } finally {
      this.inFlight.delete(p)
    }
  }

  private async deliver(sub: Subscription, envelope: Envelope): Promise<void> {
    let attempt = 1
    for (;;) {
      try {
        await sub.handler.handle(envelope, attempt)
        return
      } catch (error) {
        const poison = error instanceof PoisonMessage
        if (poison || attempt >= this.policy.maxAttempts) {
          this.log.warn({ consumer: sub.consumer, type: envelope.type, messageId: envelope.id, attempt, err: error }, 'message dead-lettered')
          await sub.handler.deadLetter(envelope, attempt, error)
          return
        }
        this.log.info({ consumer: sub.consumer, type: envelope.type, messageId: envelope.id, attempt, err: error }, 'message handling failed; retrying')
        // Closing cuts the wait short: the message stays unsent in the outbox and is sent again at the next start.
        await sleep(retryDelay(this.policy, attempt), undefined, { signal: this.abort.signal })
        attempt += 1
      }
    }
  }
}
