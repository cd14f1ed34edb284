import { sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { Envelope, Message, MessageDefinition } from '../../contracts/message.ts'
import { type Db, queryRows, type Tx } from '../db/db.ts'
import { runWithContext } from '../context.ts'
import { NotFound } from '../errors.ts'
import type { Logger } from '../log.ts'
import { describeError, PoisonMessage, type Transport } from './transport.ts'

export type MessageHandler<P> = (message: Message<P>, tx: Tx) => Promise<void>

export interface Subscription {
  definition: MessageDefinition
  handle: MessageHandler<never>
}

/** Pairs a contract with the function that handles it; the payload type follows the contract. */
export function on<S extends z.ZodType>(
  definition: MessageDefinition<string, S>,
  handle: MessageHandler<z.output<S>>,
): Subscription {
  return { definition: definition as unknown as MessageDefinition, handle: handle as MessageHandler<never> }
}

interface DeadLetterRow {
  id: string
  message_id: string
  type: string
  envelope: Envelope | string
  error: string
  attempts: number
  created_at: Date | string
  replayed_at: Date | string | null
}

export interface DeadLetter {
  id: string
  service: string
  messageId: string
  type: string
  error: string
  attempts: number
  createdAt: string
  replayedAt: string | null
  envelope: Envelope
}

/**
 * A service's consuming side. Each message is checked against its contract, then its inbox
 * row and its effect commit in one transaction: a redelivered message finds its inbox row
 * and changes nothing. Exhausted messages are stored as dead letters, listable and replayable.
 */
export class Consumer {
  private readonly byType = new Map<string, Subscription>()
  private readonly s

  constructor(
    private readonly service: string,
    private readonly schema: string,
    private readonly db: Db,
    private readonly transport: Transport,
    private readonly log: Logger,
    subscriptions: Subscription[],
  ) {
    this.s = sql.identifier(schema)
    for (const sub of subscriptions) {
      if (this.byType.has(sub.definition.type)) throw new Error(`${service} handles ${sub.definition.type} twice`)
      this.byType.set(sub.definition.type, sub)
    }
  }

  get types(): string[] {
    return [...this.byType.keys()]
  }

  /** Starts consuming. `declared` is the routing table's entry for this service (contracts/routing.ts). */
  async start(declared: readonly string[] = this.types): Promise<void> {
    const missing = this.types.filter((t) => !declared.includes(t))
    const extra = declared.filter((t) => !this.byType.has(t))
    if (missing.length > 0 || extra.length > 0) {
      throw new Error(`${this.service}: handlers and contracts/routing.ts disagree (unrouted: ${missing.join(', ') || '-'}; unhandled: ${extra.join(', ') || '-'})`)
    }
    if (this.byType.size === 0) return
    await this.transport.subscribe(this.service, this.types, {
      handle: (envelope) => this.handle(envelope),
      deadLetter: (envelope, attempts, error) => this.storeDeadLetter(envelope, attempts, error),
    })
  }

  /** Applies one message exactly once. Exposed for the transports and the tests. */
  async handle(envelope: Envelope): Promise<void> {
    const sub = this.byType.get(envelope.type)
    if (!sub) throw new PoisonMessage(`${this.service} has no handler for ${envelope.type}`)
    const parsed = sub.definition.schema.safeParse(envelope.payload)
    if (!parsed.success) {
      throw new PoisonMessage(`payload of ${envelope.type} breaks its contract: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
    }
    const message = { ...envelope, payload: parsed.data } as Message<never>
    const context = { correlationId: envelope.correlationId, traceparent: envelope.traceparent, causationId: envelope.id }
    await runWithContext(context, () => this.apply(sub, message))
  }

  /** The inbox row and the handler's effect, in one transaction. */
  private async apply(sub: Subscription, message: Message<never>): Promise<void> {
    await this.db.transaction(async (tx) => {
      const fresh = await queryRows<{ message_id: string }>(
        tx,
        sql`INSERT INTO ${this.s}.inbox (message_id, type) VALUES (${message.id}, ${message.type})
            ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
      )
      if (fresh.length === 0) {
        this.log.debug({ messageId: message.id, type: message.type }, 'duplicate message skipped')
        return
      }
      await sub.handle(message, tx)
    })
  }

  async storeDeadLetter(envelope: Envelope, attempts: number, error: unknown): Promise<void> {
    await this.db.execute(
      sql`INSERT INTO ${this.s}.dead_letters (id, message_id, type, envelope, error, attempts)
          VALUES (${uuidv7()}, ${envelope.id}, ${envelope.type}, ${JSON.stringify(envelope)}::jsonb, ${describeError(error)}, ${attempts})`,
    )
  }

  async listDeadLetters(options: { includeReplayed?: boolean; limit?: number } = {}): Promise<DeadLetter[]> {
    const open = options.includeReplayed ? sql`` : sql`WHERE replayed_at IS NULL`
    const rows = await queryRows<DeadLetterRow>(
      this.db,
      sql`SELECT * FROM ${this.s}.dead_letters ${open} ORDER BY created_at DESC LIMIT ${options.limit ?? 100}`,
    )
    return rows.map((r) => this.toDeadLetter(r))
  }

  async findDeadLetter(id: string): Promise<DeadLetter | undefined> {
    const rows = await queryRows<DeadLetterRow>(this.db, sql`SELECT * FROM ${this.s}.dead_letters WHERE id = ${id}`)
    return rows[0] && this.toDeadLetter(rows[0])
  }

  private toDeadLetter(r: DeadLetterRow): DeadLetter {
    return {
      id: r.id,
      service: this.service,
      messageId: r.message_id,
      type: r.type,
      error: r.error,
      attempts: r.attempts,
      createdAt: new Date(r.created_at).toISOString(),
      replayedAt: r.replayed_at ? new Date(r.replayed_at).toISOString() : null,
      envelope: typeof r.envelope === 'string' ? (JSON.parse(r.envelope) as Envelope) : r.envelope,
    }
  }

  /**
   * Sends a dead letter to this service's consumer again, with a fresh set of attempts.
   * Marked replayed only once the transport has taken it; replaying twice is harmless (inbox).
   */
  async replay(id: string): Promise<DeadLetter> {
    const letter = await this.findDeadLetter(id)
    if (!letter) throw new NotFound('Dead letter')
    await this.transport.redeliver(this.service, letter.envelope)
    await this.db.execute(sql`UPDATE ${this.s}.dead_letters SET replayed_at = now() WHERE id = ${id}`)
    this.log.info({ deadLetterId: id, messageId: letter.messageId, type: letter.type }, 'dead letter replayed')
    return { ...letter, replayedAt: new Date().toISOString() }
  }
}
