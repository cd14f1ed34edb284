import { sql } from 'drizzle-orm'
import type { Counter } from 'prom-client'
import { v7 as uuidv7 } from 'uuid'
import type { Envelope, OutgoingMessage } from '../../contracts/message.ts'
import { currentContext } from '../context.ts'
import { type Db, type DbOrTx, queryRows } from '../db/db.ts'
import type { Logger } from '../log.ts'
import type { ServiceMetrics } from '../metrics.ts'
import { WorkQueue } from '../work-queue.ts'
import { describeError, type Transport } from './transport.ts'

export interface AddOptions {
  /** The message this one is a consequence of: carries its correlation id on. */
  causedBy?: Pick<Envelope, 'id' | 'correlationId' | 'traceparent'>
  correlationId?: string
  traceparent?: string | null
}

export interface RelayOptions {
  /** How long a row is left to the relay that holds it (its own, from its insert) before another may take it; renewed while it is published. */
  leaseMs: number
  /** Published rows are marked sent together, at most this long after their publish. */
  markSentAfterMs: number
  /** Waits between failed publishes of a row; it is tried for ever. */
  retryDelaysMs: readonly number[]
}

export const RELAY_DEFAULTS: RelayOptions = { leaseMs: 6_000, markSentAfterMs: 20, retryDelaysMs: [500, 1_000, 2_000, 4_000, 8_000, 15_000] }

/** Publishes in flight at once: the broker's confirms come back in batches, so many small messages share a round trip. */
const RELAY_CONCURRENCY = 512

interface OutboxRow {
  id: string
  envelope: Envelope
  attempts: number
}

/**
 * Writes messages in the caller's transaction and relays them after commit (DESIGN.md
 * principle 3), on the platform work queue. A row is written leased to this process's relay,
 * which publishes it the moment its transaction commits; a row is marked sent only once the
 * transport confirms it, with the other rows confirmed about then, in one statement. A relay
 * that dies leaves its rows leased: they come back to any relay when the lease ends, and the
 * consumers' inboxes make a second publish harmless.
 */
export class Outbox {
  private readonly table
  private readonly queue: WorkQueue<OutboxRow>
  /** Confirmed by the transport, not yet marked sent. */
  private readonly confirmed = new Set<string>()
  private markTimer: NodeJS.Timeout | undefined
  private marking: Promise<void> = Promise.resolve()
  private readonly published: Counter<'type'> | undefined

  constructor(
    private readonly db: Db,
    afterCommit: (effect: () => void) => void,
    schema: string,
    private readonly source: string,
    private readonly transport: Transport,
    private readonly log: Logger,
    private readonly options: RelayOptions = RELAY_DEFAULTS,
    metrics?: ServiceMetrics,
  ) {
    this.table = sql`${sql.identifier(schema)}.outbox`
    this.queue = new WorkQueue<OutboxRow>(db, afterCommit, {
      name: 'outbox',
      table: this.table,
      key: 'id',
      pending: sql`t.sent_at IS NULL`,
      orderBy: sql`t.seq`,
      returning: sql`id, envelope, attempts`,
      toRow: (r) => ({
        id: String(r.id),
        envelope: typeof r.envelope === 'string' ? (JSON.parse(r.envelope) as Envelope) : (r.envelope as Envelope),
        attempts: Number(r.attempts),
      }),
      keyOf: (row) => row.id,
      retry: { maxAttempts: Number.POSITIVE_INFINITY, delaysMs: options.retryDelaysMs },
    }, log)
    this.published = metrics?.counter('emporium_messages_published_total', 'Messages the outbox relay handed to the bus, by type', ['type'])
  }

  /**
   * Records a message in `tx`; it is published only if `tx` commits. Its correlation id and
   * trace context come from the request or message being handled, unless given.
   */
  async add(tx: DbOrTx, message: OutgoingMessage, options: AddOptions = {}): Promise<Envelope> {
    const id = uuidv7()
    const context = currentContext()
    const envelope: Envelope = {
      id,
      type: message.type,
      occurredAt: new Date().toISOString(),
      source: this.source,
      correlationId: options.causedBy?.correlationId ?? options.correlationId ?? context?.correlationId ?? id,
      causationId: options.causedBy?.id ?? context?.causationId ?? null,
      traceparent: options.causedBy?.traceparent ?? options.traceparent ?? context?.traceparent ?? null,
      payload: message.payload,
    }
    await tx.execute(
      sql`INSERT INTO ${this.table} (id, type, envelope, claimed_until, attempts)
          VALUES (${id}, ${envelope.type}, ${JSON.stringify(envelope)}::jsonb, ${this.queue.leasedUntil(this.options.leaseMs)}, 1)`,
    )
    this.queue.added([{ id, envelope, attempts: 1 }])
    return envelope
  }

  start(): void {
    this.queue.start({ concurrency: RELAY_CONCURRENCY, leaseMs: this.options.leaseMs, run: (row) => this.publish(row) })
  }

  /** Stops relaying, waits for the publishes in flight and marks what they confirmed. */
  async stop(): Promise<void> {
    await this.queue.stop()
    clearTimeout(this.markTimer)
    this.markTimer = undefined
    await this.marking
    await this.markSent()
  }

  /** Messages not yet confirmed, for tests and metrics. */
  async pendingCount(): Promise<number> {
    const rows = await queryRows<{ n: number }>(this.db, sql`SELECT count(*)::int AS n FROM ${this.table} WHERE sent_at IS NULL`)
    return rows[0]?.n ?? 0
  }

  private async publish(row: OutboxRow): Promise<void> {
    try {
      await this.transport.publish(row.envelope)
    } catch (error) {
      this.log.warn({ messageId: row.id, type: row.envelope.type, attempts: row.attempts, err: error }, 'outbox publish failed; will retry')
      await this.queue.retry(this.db, row.id, row.attempts, describeError(error))
      return
    }
    this.published?.inc({ type: row.envelope.type })
    this.confirmed.add(row.id)
    this.markTimer ??= setTimeout(() => {
      this.markTimer = undefined
      this.marking = this.marking.then(() => this.markSent())
    }, this.options.markSentAfterMs)
  }

  /** One statement for every row confirmed since the last; on failure they are kept for the next. */
  private async markSent(): Promise<void> {
    if (this.confirmed.size === 0) return
    const ids = [...this.confirmed]
    this.confirmed.clear()
    try {
      await this.queue.finish(this.db, ids, sql`sent_at = now(), last_error = NULL`)
    } catch (err) {
      this.log.warn({ err, count: ids.length }, 'could not mark published messages sent; trying again')
      for (const id of ids) this.confirmed.add(id)
      this.markTimer ??= setTimeout(() => {
        this.markTimer = undefined
        this.marking = this.marking.then(() => this.markSent())
      }, 1_000)
    }
  }
}
