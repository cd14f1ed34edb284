import { setTimeout as sleep } from 'node:timers/promises'
import { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage, connect, type Options } from 'amqplib'
import { Envelope } from '../../contracts/message.ts'
import type { Logger } from '../log.ts'
import { type RetryPolicy, retryDelay } from '../retry.ts'
import { type DeliveryHandler, PoisonMessage, type Transport } from './transport.ts'

export interface RabbitOptions {
  /** `amqp://user:pass@host:port/<vhost>`; a `heartbeat` query parameter is added when absent. */
  url: string
  /** Names everything this transport declares: exchange `<prefix>`, queues `<prefix>.<consumer>…`. */
  prefix: string
  policy: RetryPolicy
  log: Logger
  /** Queues to declare at every connect, consumer → message types, even before those consumers subscribe. */
  topology?: Readonly<Record<string, readonly string[]>>
}

/** Unacked messages each consumer holds at once. */
const PREFETCH = 32
/** Broker-side guard: a message redelivered this often (it crashes the process, say) goes to the DLQ. */
const DELIVERY_LIMIT = 20
/** A publish the broker has not confirmed by then rejects; the outbox sends it again. */
const CONFIRM_TIMEOUT_MS = 30_000
/**
 * Pause before handing back a message that could be neither retried nor dead-lettered (the
 * database is down, say): 1 s, doubling with each redelivery up to 30 s, so that with the
 * delivery limit an outage of several minutes passes before the broker gives up on it.
 */
const REQUEUE_PAUSE_MS = 1_000
const REQUEUE_PAUSE_MAX_MS = 30_000
const RECONNECT_MIN_MS = 100
const RECONNECT_MAX_MS = 10_000
const HEARTBEAT_SECONDS = 15
const ATTEMPT_HEADER = 'x-emporium-attempt'

interface Subscription {
  consumer: string
  types: Set<string>
  handler: DeliveryHandler
}

/** One live connection and what was opened on it; everything is thrown away together when it drops. */
interface Link {
  connection: ChannelModel
  publisher: ConfirmChannel
  /** Message ids the broker returned as unroutable (mandatory publishes), read by the confirm callback. */
  returned: Set<string>
  consumers: Map<string, { channel: Channel; tag: string }>
  /** A channel or the connection closed: the link is never used again. */
  broken: boolean
}

/**
 * The distributed mode's transport over RabbitMQ (DESIGN.md "Messages").
 *
 * Topology: a durable topic exchange `<prefix>` (routing key = message type); per consumer a
 * quorum queue `<prefix>.<consumer>` bound to each type it handles, dead-lettering to the
 * direct exchange `<prefix>.dlx` into `<prefix>.<consumer>.dead`, with a delivery limit;
 * retry queues `<prefix>.<consumer>.retry.<ms>`, one per distinct delay, whose messages expire
 * back into the consumer's queue.
 *
 * Publishes go through a confirm channel and resolve on the broker's ack. A message is acked
 * only after its handler resolved (the consumer has committed), was sent on to a retry queue,
 * or was stored as a dead letter. When the connection or a channel drops, everything is
 * reopened with backoff and every consumer subscribed again; publishes fail fast meanwhile.
 */
export class RabbitTransport implements Transport {
  readonly kind = 'rabbitmq'
  private link: Link | undefined
  private readonly subscriptions = new Map<string, Subscription>()
  private readonly inFlight = new Set<Promise<void>>()
  private readonly retryDelays: number[]
  /** Serializes (re)connecting and subscribing, so that no consumer is set up twice or missed. */
  private serial: Promise<unknown> = Promise.resolve()
  private reconnecting: Promise<void> | undefined
  private readonly closing = new AbortController()
  private closed: Promise<void> | undefined

  private constructor(
    private readonly url: string,
    private readonly prefix: string,
    private readonly policy: RetryPolicy,
    private readonly log: Logger,
    private readonly topology: Readonly<Record<string, readonly string[]>> = {},
  ) {
    const delays = new Set<number>()
    for (let attempt = 1; attempt < policy.maxAttempts; attempt++) delays.add(retryDelay(policy, attempt))
    this.retryDelays = [...delays]
  }

  /** Connects and declares the exchanges; rejects when the broker cannot be reached now. */
  static async connect(options: RabbitOptions): Promise<RabbitTransport> {
    const transport = new RabbitTransport(withHeartbeat(options.url), options.prefix, options.policy, options.log, options.topology)
    await transport.exclusive(() => transport.open())
    return transport
  }

  async publish(envelope: Envelope): Promise<void> {
    const link = this.connected()
    await this.confirm(link, this.prefix, envelope.type, Buffer.from(JSON.stringify(envelope)), envelope, 1, false)
  }

  async subscribe(consumer: string, types: string[], handler: DeliveryHandler): Promise<void> {
    if (this.closing.signal.aborted) throw new Error('The RabbitMQ transport is closed')
    await this.exclusive(async () => {
      const existing = this.subscriptions.get(consumer)
      const sub: Subscription = existing ?? { consumer, types: new Set(), handler }
      const added = types.filter((t) => !sub.types.has(t))
      for (const t of added) sub.types.add(t)
      sub.handler = handler
      this.subscriptions.set(consumer, sub)
      const link = this.link
      if (!link) return // not connected now: the reconnection subscribes it
      try {
        if (existing) {
          const channel = await link.connection.createChannel()
          channel.on('error', () => undefined)
          try {
            for (const type of added) await channel.bindQueue(this.queue(consumer), this.prefix, type)
          } finally {
            await channel.close().catch(() => undefined)
          }
        } else {
          await this.declareConsumer(link, sub)
          await this.consume(link, sub)
        }
      } catch (err) {
        // Lost the connection meanwhile: the reconnection declares and subscribes it.
        if (this.link !== link) return
        if (!existing) this.subscriptions.delete(consumer)
        throw err
      }
    })
  }

  async redeliver(consumer: string, envelope: Envelope): Promise<void> {
    const link = this.connected()
    await this.confirm(link, '', this.queue(consumer), Buffer.from(JSON.stringify(envelope)), envelope, 1, true)
  }

  async check(): Promise<void> {
    this.connected()
  }

  close(): Promise<void> {
    this.closed ??= (async () => {
      this.closing.abort()
      const link = this.link
      if (link) {
        await Promise.allSettled([...link.consumers.values()].map(({ channel, tag }) => channel.cancel(tag)))
      }
      await Promise.allSettled([...this.inFlight])
      await this.serial.catch(() => undefined)
      await this.reconnecting
      this.link = undefined
      if (!link) return
      // Channels first: a channel's close handshake makes the broker process the acks sent on it,
      // which closing the connection straight away does not (the last acks could be lost).
      const channels = new Set([...link.consumers.values()].map(({ channel }) => channel))
      await Promise.allSettled([...channels].map((channel) => channel.close()))
      await link.publisher.close().catch(() => undefined)
      await link.connection.close().catch(() => undefined)
    })()
    return this.closed
  }

  // --- connection ------------------------------------------------------------------------

  private connected(): Link {
    if (this.closing.signal.aborted) throw new Error('The RabbitMQ transport is closed')
    if (!this.link) throw new Error('RabbitMQ is not connected')
    return this.link
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.serial.then(fn, fn)
    this.serial = run.catch(() => undefined)
    return run
  }

  /** Opens a connection, declares the topology and starts every consumer; all or nothing. */
  private async open(): Promise<void> {
    // noDelay: without it a quorum queue's deliveries wait on Nagle's algorithm, ~40 ms per message hop.
    const connection = await connect(this.url, { timeout: 5_000, noDelay: true, clientProperties: { connection_name: this.prefix } })
    try {
      connection.on('error', (err: Error) => this.log.warn({ err }, 'RabbitMQ connection error'))
      connection.on('blocked', (reason: string) => this.log.warn({ reason }, 'RabbitMQ blocked publishing (resource alarm)'))
      connection.on('unblocked', () => this.log.info('RabbitMQ unblocked publishing'))
      const publisher = await connection.createConfirmChannel()
      const link: Link = { connection, publisher, returned: new Set(), consumers: new Map(), broken: false }
      connection.on('close', (err?: Error) => this.lost(link, err ?? new Error('connection closed')))
      this.watch(link, publisher, 'publisher')
      publisher.on('return', (msg: ConsumeMessage) => {
        if (typeof msg.properties.messageId === 'string') link.returned.add(msg.properties.messageId)
      })

      await publisher.assertExchange(this.prefix, 'topic', { durable: true })
      await publisher.assertExchange(this.dlx, 'direct', { durable: true })
      for (const [consumer, types] of Object.entries(this.topology)) {
        if (!this.subscriptions.has(consumer)) await this.declareConsumer(link, { consumer, types: new Set(types) })
      }
      for (const sub of this.subscriptions.values()) await this.declareConsumer(link, sub)
      for (const sub of this.subscriptions.values()) await this.consume(link, sub)
      if (this.closing.signal.aborted) throw new Error('The RabbitMQ transport is closed')
      if (link.broken) throw new Error('The RabbitMQ connection broke while it was being set up')
      this.link = link
    } catch (err) {
      await connection.close().catch(() => undefined)
      throw err
    }
  }

  /** A channel closing under us means the link is broken: drop it all and reconnect. */
  private watch(link: Link, channel: Channel, what: string): void {
    channel.on('error', (err: Error) => this.log.warn({ err, channel: what }, 'RabbitMQ channel error'))
    channel.on('close', () => this.lost(link, new Error(`${what} channel closed`)))
  }

  private lost(link: Link, reason: Error): void {
    link.broken = true
    if (this.link !== link) return
    this.link = undefined
    link.connection.close().catch(() => undefined)
    if (this.closing.signal.aborted) return
    this.log.warn({ err: reason }, 'RabbitMQ connection lost; reconnecting')
    this.reconnecting ??= this.reconnect().finally(() => {
      this.reconnecting = undefined
    })
  }

  private async reconnect(): Promise<void> {
    for (let attempt = 0; !this.closing.signal.aborted; attempt++) {
      const base = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** attempt)
      const aborted = await sleep(base * (0.8 + Math.random() * 0.4), false, { signal: this.closing.signal }).catch(() => true)
      if (aborted) return
      try {
        await this.exclusive(() => this.open())
        this.log.info({ attempt: attempt + 1 }, 'RabbitMQ reconnected')
        return
      } catch (err) {
        this.log.warn({ err, attempt: attempt + 1 }, 'RabbitMQ reconnection failed')
      }
    }
  }

  // --- topology --------------------------------------------------------------------------

  private get dlx(): string {
    return `${this.prefix}.dlx`
  }

  private queue(consumer: string): string {
    return `${this.prefix}.${consumer}`
  }

  private unreadableQueue(consumer: string): string {
    return `${this.queue(consumer)}.unreadable`
  }

  private retryQueue(consumer: string, delayMs: number): string {
    return `${this.queue(consumer)}.retry.${delayMs}`
  }

  /** Declares on a channel of its own: a refused declaration closes that channel only. */
  private async declareConsumer(link: Link, sub: Pick<Subscription, 'consumer' | 'types'>): Promise<void> {
    const channel = await link.connection.createChannel()
    channel.on('error', () => undefined) // the rejected call reports it
    try {
      const queue = this.queue(sub.consumer)
      const quorum = { 'x-queue-type': 'quorum', 'x-dead-letter-strategy': 'at-least-once', 'x-overflow': 'reject-publish' }
      await channel.assertQueue(`${queue}.dead`, { durable: true, arguments: { 'x-queue-type': 'quorum' } })
      await channel.assertQueue(this.unreadableQueue(sub.consumer), { durable: true, arguments: { 'x-queue-type': 'quorum' } })
      await channel.bindQueue(`${queue}.dead`, this.dlx, queue)
      await channel.assertQueue(queue, {
        durable: true,
        arguments: { ...quorum, 'x-dead-letter-exchange': this.dlx, 'x-dead-letter-routing-key': queue, 'x-delivery-limit': DELIVERY_LIMIT },
      })
      for (const type of sub.types) await channel.bindQueue(queue, this.prefix, type)
      for (const delay of this.retryDelays) {
        await channel.assertQueue(this.retryQueue(sub.consumer, delay), {
          durable: true,
          arguments: { ...quorum, 'x-message-ttl': delay, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queue },
        })
      }
    } finally {
      await channel.close().catch(() => undefined)
    }
  }

  private async consume(link: Link, sub: Subscription): Promise<void> {
    const channel = await link.connection.createChannel()
    this.watch(link, channel, `consumer ${sub.consumer}`)
    await channel.prefetch(PREFETCH)
    const listen = async (queue: string, work: (msg: ConsumeMessage) => Promise<void>) => {
      const { consumerTag } = await channel.consume(queue, (msg) => {
        if (!msg) {
          this.lost(link, new Error(`the broker cancelled the consumer of ${queue}`))
          return
        }
        const done = work(msg).catch((err: unknown) => this.log.error({ err, queue }, 'message delivery failed unexpectedly'))
        this.inFlight.add(done)
        void done.finally(() => this.inFlight.delete(done))
      })
      link.consumers.set(queue, { channel, tag: consumerTag })
    }
    await listen(this.queue(sub.consumer), (msg) => this.deliver(link, channel, sub, msg))
    await listen(`${this.queue(sub.consumer)}.dead`, (msg) => this.drainDead(link, channel, sub, msg))
  }

  // --- consuming -------------------------------------------------------------------------

  private async deliver(link: Link, channel: Channel, sub: Subscription, msg: ConsumeMessage): Promise<void> {
    const { consumer } = sub
    const envelope = parseEnvelope(msg.content)
    if (!envelope) {
      await this.setAside(link, channel, consumer, msg)
      return
    }
    const attempt = attemptOf(msg)
    const about = { consumer, type: envelope.type, messageId: envelope.id, attempt }
    let failure: unknown
    try {
      await sub.handler.handle(envelope, attempt)
      settle(channel, msg, 'ack')
      return
    } catch (error) {
      failure = error
    }

    if (!(failure instanceof PoisonMessage) && attempt < this.policy.maxAttempts) {
      const delay = retryDelay(this.policy, attempt)
      this.log.info({ ...about, err: failure, delayMs: delay }, 'message handling failed; retrying')
      try {
        await this.confirm(link, '', this.retryQueue(consumer, delay), msg.content, envelope, attempt + 1, true)
        settle(channel, msg, 'ack')
      } catch (err) {
        this.log.warn({ ...about, err }, 'could not schedule a retry; handing the message back')
        await this.handBack(channel, msg)
      }
      return
    }

    this.log.warn({ ...about, err: failure }, 'message dead-lettered')
    try {
      await sub.handler.deadLetter(envelope, attempt, failure)
      settle(channel, msg, 'ack')
    } catch (err) {
      this.log.error({ ...about, err }, 'could not store the dead letter; handing the message back')
      await this.handBack(channel, msg)
    }
  }

  /**
   * The broker dead-letters a message itself when it exceeds the delivery limit (it crashed the
   * process each time, or could not be stored for a long while). Those are moved into the
   * service's dead letters too, so that admins see and replay every one of them in one place.
   */
  private async drainDead(link: Link, channel: Channel, sub: Subscription, msg: ConsumeMessage): Promise<void> {
    const envelope = parseEnvelope(msg.content)
    if (!envelope) {
      await this.setAside(link, channel, sub.consumer, msg)
      return
    }
    const reason = String(msg.properties.headers?.['x-first-death-reason'] ?? 'dead-lettered')
    const deliveries = Number(msg.properties.headers?.['x-delivery-count'] ?? DELIVERY_LIMIT) || DELIVERY_LIMIT
    const about = { consumer: sub.consumer, type: envelope.type, messageId: envelope.id, reason }
    try {
      await sub.handler.deadLetter(envelope, deliveries, new Error(`The broker dead-lettered this message (${reason}) after ${deliveries} deliveries.`))
      this.log.warn(about, 'message dead-lettered by the broker; stored with the dead letters')
      settle(channel, msg, 'ack')
    } catch (err) {
      this.log.error({ ...about, err }, 'could not store the dead letter; handing the message back')
      await this.handBack(channel, msg)
    }
  }

  /** A body that is not a message envelope cannot be handled or replayed: kept aside, unchanged, for an operator. */
  private async setAside(link: Link, channel: Channel, consumer: string, msg: ConsumeMessage): Promise<void> {
    const about = { consumer, messageId: msg.properties.messageId, routingKey: msg.fields.routingKey }
    try {
      await this.publishConfirmed(link, '', this.unreadableQueue(consumer), msg.content, { ...msg.properties, persistent: true }, false, undefined)
      this.log.error(about, `not a message envelope; kept in ${this.unreadableQueue(consumer)}`)
      settle(channel, msg, 'ack')
    } catch (err) {
      this.log.warn({ ...about, err }, 'could not set an unreadable message aside; handing it back')
      await this.handBack(channel, msg)
    }
  }

  /** Nack with requeue after a pause, so that a failing store is not hammered. Never drops. */
  private async handBack(channel: Channel, msg: ConsumeMessage): Promise<void> {
    // Quorum queues count the deliveries of a message in x-delivery-count.
    const redeliveries = Number(msg.properties.headers?.['x-delivery-count'] ?? 0) || 0
    const pause = Math.min(REQUEUE_PAUSE_MAX_MS, REQUEUE_PAUSE_MS * 2 ** Math.min(redeliveries, 15))
    await sleep(pause, undefined, { signal: this.closing.signal }).catch(() => undefined)
    settle(channel, msg, 'requeue')
  }

  // --- publishing ------------------------------------------------------------------------

  /** Publishes an envelope on the confirm channel with the attempt it is on. */
  private confirm(
    link: Link,
    exchange: string,
    routingKey: string,
    content: Buffer,
    envelope: Envelope,
    attempt: number,
    mandatory: boolean,
  ): Promise<void> {
    const options: Options.Publish = {
      persistent: true,
      messageId: envelope.id,
      type: envelope.type,
      contentType: 'application/json',
      timestamp: Math.floor(Date.now() / 1000),
      headers: { [ATTEMPT_HEADER]: attempt },
    }
    return this.publishConfirmed(link, exchange, routingKey, content, options, mandatory, envelope.id)
  }

  /** Resolves on the broker's ack; rejects on nack, close, return (when mandatory) or timeout. */
  private publishConfirmed(
    link: Link,
    exchange: string,
    routingKey: string,
    content: Buffer,
    options: Options.Publish,
    mandatory: boolean,
    messageId: string | undefined,
  ): Promise<void> {
    const label = messageId ?? 'a message'
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`RabbitMQ did not confirm ${label} within ${CONFIRM_TIMEOUT_MS} ms`)), CONFIRM_TIMEOUT_MS)
      try {
        link.publisher.publish(exchange, routingKey, content, { ...options, mandatory }, (err: unknown) => {
          clearTimeout(timer)
          const returned = mandatory && messageId !== undefined && link.returned.delete(messageId)
          if (err) reject(err instanceof Error ? err : new Error(`RabbitMQ refused ${label}: ${String(err)}`))
          else if (returned) reject(new Error(`RabbitMQ could not route ${label} to ${routingKey || exchange}`))
          else resolve()
        })
      } catch (err) {
        clearTimeout(timer)
        reject(err)
      }
    })
  }
}

function withHeartbeat(url: string): string {
  try {
    const parsed = new URL(url)
    if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', String(HEARTBEAT_SECONDS))
    return parsed.toString()
  } catch {
    return url
  }
}

function parseEnvelope(content: Buffer): Envelope | undefined {
  try {
    const parsed = Envelope.safeParse(JSON.parse(content.toString('utf8')))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

function attemptOf(msg: ConsumeMessage): number {
  const value = Number(msg.properties.headers?.[ATTEMPT_HEADER])
  return Number.isInteger(value) && value >= 1 ? value : 1
}

/** Acks, rejects or requeues; a closed channel has already handed the message back to the broker. */
function settle(channel: Channel, msg: ConsumeMessage, how: 'ack' | 'reject' | 'requeue'): void {
  try {
    if (how === 'ack') channel.ack(msg)
    else channel.nack(msg, false, how === 'requeue')
  } catch {
    // The channel is gone: the broker redelivers the message, and the inbox makes that harmless.
  }
}
