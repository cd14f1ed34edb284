import { setTimeout as sleep } from 'node:timers/promises'
import type { Envelope } from '../../contracts/message.ts'
import type { Logger } from '../log.ts'
import { type DeliveryHandler, PoisonMessage, type RetryPolicy, retryDelay, type Transport } from './transport.ts'

interface Subscription {
  consumer: string
  types: Set<string>
  handler: DeliveryHandler
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

  constructor(
    private readonly policy: RetryPolicy,
    private readonly log: Logger,
  ) {}

  async publish(envelope: Envelope): Promise<void> {
    this.assertOpen()
    const targets = this.subscriptions.filter((s) => s.types.has(envelope.type))
    await this.track(Promise.all(targets.map((s) => this.deliver(s, envelope))))
  }

  async subscribe(consumer: string, types: string[], handler: DeliveryHandler): Promise<void> {
    const existing = this.subscriptions.find((s) => s.consumer === consumer)
    if (existing) {
      for (const t of types) existing.types.add(t)
      existing.handler = handler
      return
    }
    this.subscriptions.push({ consumer, types: new Set(types), handler })
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
