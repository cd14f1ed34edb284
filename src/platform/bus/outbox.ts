import { sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { Envelope, OutgoingMessage } from '../../contracts/message.ts'
import { currentContext } from '../context.ts'
import { type Db, type DbOrTx, queryRows } from '../db/db.ts'
import type { Logger } from '../log.ts'
import { describeError, type Transport } from './transport.ts'

export interface AddOptions {
  /** The message this one is a consequence of: carries its correlation id on. */
  causedBy?: Pick<Envelope, 'id' | 'correlationId' | 'traceparent'>
  correlationId?: string
  traceparent?: string | null
}

export interface RelayOptions {
  pollMs: number
  batchSize?: number
  /** How long a claimed row is left to one relay before another may take it. */
  leaseSeconds?: number
  /** Sent rows are purged after this many days. */
  retainDays?: number
}

/**
 * Writes messages in the caller's transaction and relays them after commit. The relay claims
 * unsent rows with FOR UPDATE SKIP LOCKED and a lease, so replicas share the work and a
 * crashed relay's rows are picked up again; a row is marked sent only once the transport
 * confirms it.
 */
export class Outbox {
  private readonly table
  private timer: NodeJS.Timeout | undefined
  private running = false
  private draining = false
  private again = false
  private readonly inFlight = new Map<string, Promise<void>>()
  private lastPurge = 0

  constructor(
    private readonly db: Db,
    private readonly schema: string,
    private readonly source: string,
    private readonly transport: Transport,
    private readonly log: Logger,
    private readonly options: RelayOptions,
  ) {
    this.table = sql`${sql.identifier(schema)}.outbox`
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
      sql`INSERT INTO ${this.table} (id, type, envelope) VALUES (${id}, ${envelope.type}, ${JSON.stringify(envelope)}::jsonb)`,
    )
    return envelope
  }

  start(): void {
    if (this.running) return
    this.running = true
    const tick = () => {
      this.wake()
      if (this.running) this.timer = setTimeout(tick, this.options.pollMs)
    }
    this.timer = setTimeout(tick, 0)
  }

  /** Drains soon; called after every commit. Calls made while draining coalesce into one more pass. */
  wake(): void {
    if (!this.running) return
    if (this.draining) {
      this.again = true
      return
    }
    this.draining = true
    setImmediate(() => {
      this.drain()
        .catch((err) => this.log.warn({ err }, 'outbox relay pass failed'))
        .finally(() => {
          this.draining = false
          if (this.again && this.running) {
            this.again = false
            this.wake()
          }
        })
    })
  }

  /** Stops claiming rows and waits for the messages being published. */
  async stop(): Promise<void> {
    this.running = false
    clearTimeout(this.timer)
    await Promise.allSettled([...this.inFlight.values()])
  }

  /** Messages not yet confirmed, for tests and metrics. */
  async pendingCount(): Promise<number> {
    const rows = await queryRows<{ n: number }>(this.db, sql`SELECT count(*)::int AS n FROM ${this.table} WHERE sent_at IS NULL`)
    return rows[0]?.n ?? 0
  }

  private async drain(): Promise<void> {
    const batchSize = this.options.batchSize ?? 100
    for (;;) {
      if (!this.running) return
      const claimed = await this.claim(batchSize)
      for (const row of claimed) {
        const p = this.send(row.seq, row.envelope).finally(() => this.inFlight.delete(row.seq))
        this.inFlight.set(row.seq, p)
      }
      if (claimed.length < batchSize) break
    }
    await this.purge()
  }

  private async claim(limit: number): Promise<Array<{ seq: string; envelope: Envelope }>> {
    const lease = this.options.leaseSeconds ?? 60
    const busy = [...this.inFlight.keys()]
    const notBusy = busy.length > 0 ? sql`AND seq NOT IN (${sql.join(busy.map((s) => sql`${s}`), sql`, `)})` : sql``
    const rows = await queryRows<{ seq: string | number; envelope: Envelope | string }>(
      this.db,
      sql`UPDATE ${this.table} SET claimed_until = now() + make_interval(secs => ${lease})
          WHERE seq IN (
            SELECT seq FROM ${this.table}
            WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < now()) ${notBusy}
            ORDER BY seq LIMIT ${limit} FOR UPDATE SKIP LOCKED)
          RETURNING seq, envelope`,
    )
    return rows
      .map((r) => ({
        seq: String(r.seq),
        envelope: typeof r.envelope === 'string' ? (JSON.parse(r.envelope) as Envelope) : r.envelope,
      }))
      .sort((a, b) => Number(a.seq) - Number(b.seq))
  }

  private async send(seq: string, envelope: Envelope): Promise<void> {
    try {
      await this.transport.publish(envelope)
      await this.db.execute(sql`UPDATE ${this.table} SET sent_at = now(), last_error = NULL WHERE seq = ${seq}`)
    } catch (error) {
      this.log.warn({ messageId: envelope.id, type: envelope.type, err: error }, 'outbox publish failed; will retry')
      // Back off: the row becomes claimable again after a few seconds.
      await this.db
        .execute(
          sql`UPDATE ${this.table} SET attempts = attempts + 1, last_error = ${describeError(error)},
              claimed_until = now() + make_interval(secs => least(60, power(2, attempts)::int)) WHERE seq = ${seq}`,
        )
        .catch(() => undefined)
    }
  }

  private async purge(): Promise<void> {
    const now = Date.now()
    if (now - this.lastPurge < 3_600_000) return
    this.lastPurge = now
    const days = this.options.retainDays ?? 7
    await this.db.execute(
      sql`DELETE FROM ${this.table} WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(days => ${days})`,
    )
  }
}
