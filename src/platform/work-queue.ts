import { type SQL, sql } from 'drizzle-orm'
import { type Db, type DbOrTx, queryRows } from './db/db.ts'
import type { Logger } from './log.ts'
import { backoff, type RetryPolicy } from './retry.ts'

/**
 * The one mechanism for "do this later, at least once" (DESIGN.md "Work queue"): the outbox
 * relay, payment provider calls, notification delivery and outbound webhooks each keep a table
 * with these columns beside their own:
 *
 *   due_at        timestamptz NOT NULL  when the row is next due
 *   claimed_until timestamptz           a worker holds it until then (a lease)
 *   attempts      integer NOT NULL      claims made so far, the one in force included
 *   last_error    text                  why the last attempt failed
 *
 * A worker claims due rows with FOR UPDATE SKIP LOCKED and a lease, so replicas share the work
 * and a crashed worker's rows come back when its lease ends; a live worker renews the leases of
 * the rows it still holds, so leases can be short and a crash costs seconds. A row its own transaction writes
 * already leased to this process (`leasedSql`) goes straight to this worker when that
 * transaction commits (`added`), without a claim: a claim runs only when something may be
 * claimable — a committed transaction added unleased rows, a retry comes due — and every half
 * lease period to take over what a dead replica left.
 */
export interface QueueSpec<Row> {
  /** For logs: "outbox", "payment actions"… */
  name: string
  /** The table, schema-qualified. */
  table: SQL
  /** Its key column. */
  key: string
  /** Rows that are still to do; `t` names the table. */
  pending: SQL
  /** A further condition a row must meet to be claimed (its turn has come, say); `t` names the table. */
  claimable?: SQL
  /** The order rows are claimed in; by default the oldest due first. */
  orderBy?: SQL
  /** The columns a claim returns. */
  returning: SQL
  toRow(raw: Record<string, unknown>): Row
  keyOf(row: Row): string
  retry: RetryPolicy
}

export interface WorkerOptions<Row> {
  /** Rows run at once by this process. */
  concurrency: number
  /** How long a claimed row is left to this worker before another may take it: longer than a run may take. */
  leaseMs: number
  /** Runs one claimed row; it finishes the row or schedules its retry (`finish`, `retry`) as it sees fit. */
  run(row: Row): Promise<void>
  /** How long `stop` waits for runs in flight; by default as long as they take. */
  stopGraceMs?: number
}

/** How many handed-over rows may wait for a free slot; past that they wait for their lease to end and a claim. */
const BACKLOG_LIMIT = 10_000

export class WorkQueue<Row> {
  private worker: WorkerOptions<Row> | undefined
  private readonly inFlight = new Map<string, Promise<void>>()
  private readonly backlog: Row[] = []
  private readonly backlogKeys = new Set<string>()
  private stopped = false
  private claiming = false
  /** The last claim took as many rows as there was room for: there may be more. */
  private fullClaim = false
  private claimAgain = false
  private nextClaimAt = Number.POSITIVE_INFINITY
  private claimTimer: NodeJS.Timeout | undefined
  private recoverTimer: NodeJS.Timeout | undefined
  private renewTimer: NodeJS.Timeout | undefined

  constructor(
    private readonly db: Db,
    private readonly afterCommit: (effect: () => void) => void,
    private readonly spec: QueueSpec<Row>,
    private readonly log: Logger,
  ) {}

  get name(): string {
    return this.spec.name
  }

  /** The value of `claimed_until` (and `attempts = 1`) for a row an INSERT hands to this process's own worker. */
  leasedUntil(leaseMs = this.worker?.leaseMs ?? 30_000): SQL {
    return sql`now() + make_interval(secs => ${leaseMs / 1000})`
  }

  /**
   * Called by the code that wrote rows in the transaction under way: once it commits, rows
   * written leased to this process run here, and unleased ones (none given) make the worker
   * look for claimable rows. Nothing happens if the transaction rolls back.
   */
  added(leased?: readonly Row[]): void {
    this.afterCommit(() => {
      if (leased && leased.length > 0) this.take(leased)
      else this.wake()
    })
  }

  /** Called by the code that wrote unleased rows due in `delayMs`: once the transaction commits, the worker claims them when they come due. */
  dueIn(delayMs: number): void {
    this.afterCommit(() => this.claimIn(delayMs))
  }

  /** Starts this process's worker: one claim for whatever is due, then as described above. */
  start(options: WorkerOptions<Row>): void {
    this.worker = options
    this.stopped = false
    while (this.backlog.length > 0 && this.inFlight.size < options.concurrency) this.next()
    const recover = () => {
      this.wake()
      this.recoverTimer = setTimeout(recover, options.leaseMs / 2)
      this.recoverTimer.unref()
    }
    recover()
    const renew = () => {
      this.renewLeases()
        .catch((err: unknown) => this.log.warn({ err, queue: this.spec.name }, `${this.spec.name}: could not renew leases`))
        .finally(() => {
          if (this.stopped) return
          this.renewTimer = setTimeout(renew, options.leaseMs / 3)
          this.renewTimer.unref()
        })
    }
    this.renewTimer = setTimeout(renew, options.leaseMs / 3)
    this.renewTimer.unref()
  }

  /** Stops claiming and waits for the runs in flight (up to the grace period). Backlogged rows go back when their lease ends. */
  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.claimTimer)
    clearTimeout(this.recoverTimer)
    clearTimeout(this.renewTimer)
    this.backlog.length = 0
    this.backlogKeys.clear()
    const running = Promise.allSettled([...this.inFlight.values()])
    const grace = this.worker?.stopGraceMs
    if (grace === undefined) {
      await running
      return
    }
    let timer: NodeJS.Timeout | undefined
    await Promise.race([running, new Promise<void>((resolve) => (timer = setTimeout(resolve, grace)))])
    clearTimeout(timer)
  }

  /** Looks for claimable rows soon; calls made while looking coalesce into one more look. */
  wake(): void {
    if (this.stopped || !this.worker) return
    if (this.claiming) {
      this.claimAgain = true
      return
    }
    this.claiming = true
    setImmediate(() => {
      this.claimRoom()
        .catch((err: unknown) => this.log.warn({ err, queue: this.spec.name }, `${this.spec.name}: claim failed`))
        .finally(() => {
          this.claiming = false
          if (this.claimAgain) {
            this.claimAgain = false
            this.wake()
          }
        })
    })
  }

  /**
   * Claims up to `limit` due rows for `leaseMs`, counting an attempt on each; rows another worker
   * holds are skipped, and so are `busy` ones (this process is still running them).
   */
  async claim(limit: number, leaseMs: number, busy: readonly string[] = []): Promise<Row[]> {
    if (limit <= 0) return []
    const { table, key, pending } = this.spec
    const k = sql.identifier(key)
    const notBusy = busy.length > 0 ? sql`AND t.${k}::text NOT IN (${sql.join(busy.map((b) => sql`${b}`), sql`, `)})` : sql``
    const claimable = this.spec.claimable ? sql`AND (${this.spec.claimable})` : sql``
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`UPDATE ${table} AS u SET claimed_until = now() + make_interval(secs => ${leaseMs / 1000}), attempts = u.attempts + 1
          WHERE u.${k} IN (
            SELECT t.${k} FROM ${table} AS t
            WHERE (${pending}) AND t.due_at <= now() AND (t.claimed_until IS NULL OR t.claimed_until < now()) ${claimable} ${notBusy}
            ORDER BY ${this.spec.orderBy ?? sql`t.due_at`} LIMIT ${limit}
            FOR UPDATE SKIP LOCKED)
          RETURNING ${this.spec.returning}`,
    )
    return rows.map((r) => this.spec.toRow(r))
  }

  /** Marks rows done as `done` says (`sent_at = now()`, say) and ends their lease, in one statement. */
  async finish(db: DbOrTx, keys: readonly string[], done: SQL): Promise<void> {
    if (keys.length === 0) return
    const k = sql.identifier(this.spec.key)
    await db.execute(
      sql`UPDATE ${this.spec.table} SET ${done}, claimed_until = NULL
          WHERE ${k}::text IN (${sql.join(keys.map((key) => sql`${key}`), sql`, `)})`,
    )
  }

  /**
   * After a failed attempt (the row's `attempts` so far): makes the row due again after the
   * backoff and lets its lease go, and answers the wait; undefined when the attempts are spent,
   * and the caller records the failure for good.
   */
  async retry(db: DbOrTx, key: string, attempts: number, error: string): Promise<number | undefined> {
    const delayMs = backoff(this.spec.retry, attempts)
    if (delayMs === undefined) return undefined
    const k = sql.identifier(this.spec.key)
    await db.execute(
      sql`UPDATE ${this.spec.table} AS t SET due_at = now() + make_interval(secs => ${delayMs / 1000}), claimed_until = NULL,
            last_error = ${error.slice(0, 2000)}
          WHERE t.${k}::text = ${key} AND (${this.spec.pending})`,
    )
    this.afterCommit(() => this.claimIn(delayMs))
    return delayMs
  }

  /** The rows this worker still holds (running or waiting for a slot) keep their lease; nothing to do when it holds none. */
  private async renewLeases(): Promise<void> {
    const worker = this.worker
    const keys = [...this.inFlight.keys(), ...this.backlogKeys]
    if (!worker || keys.length === 0) return
    const k = sql.identifier(this.spec.key)
    await this.db.execute(
      sql`UPDATE ${this.spec.table} AS t SET claimed_until = now() + make_interval(secs => ${worker.leaseMs / 1000})
          WHERE t.${k}::text IN (${sql.join(keys.map((key) => sql`${key}`), sql`, `)}) AND t.claimed_until IS NOT NULL AND (${this.spec.pending})`,
    )
  }

  /** Rows handed over by this process's own transactions: run now, or as soon as a slot frees (or the worker starts). */
  private take(rows: readonly Row[]): void {
    for (const row of rows) {
      const key = this.spec.keyOf(row)
      if (this.inFlight.has(key) || this.backlogKeys.has(key)) continue
      if (this.worker && !this.stopped && this.inFlight.size < this.worker.concurrency) this.run(row)
      else if (this.backlog.length < BACKLOG_LIMIT) {
        this.backlog.push(row)
        this.backlogKeys.add(key)
      }
    }
  }

  private run(row: Row): void {
    const worker = this.worker
    if (!worker) return
    const key = this.spec.keyOf(row)
    const done = worker
      .run(row)
      .catch((err: unknown) =>
        this.log.error({ err, queue: this.spec.name, key }, `${this.spec.name}: a run failed unexpectedly; the row runs again when its lease ends`),
      )
      .finally(() => {
        this.inFlight.delete(key)
        this.next()
      })
    this.inFlight.set(key, done)
  }

  /** A slot freed: the backlog first, then a claim if the last one filled every slot (there may be more). */
  private next(): void {
    if (this.stopped || !this.worker) return
    const row = this.backlog.shift()
    if (row !== undefined) {
      this.backlogKeys.delete(this.spec.keyOf(row))
      this.run(row)
      return
    }
    if (this.claimAgain || this.fullClaim) {
      this.fullClaim = false
      this.wake()
    }
  }

  private async claimRoom(): Promise<void> {
    const worker = this.worker
    if (!worker) return
    const room = worker.concurrency - this.inFlight.size
    if (room <= 0) {
      this.fullClaim = true
      return
    }
    const claimed = await this.claim(room, worker.leaseMs, [...this.inFlight.keys(), ...this.backlogKeys])
    this.fullClaim = claimed.length === room
    for (const row of claimed) this.run(row)
  }

  /** Claims again in `ms` (a retry comes due then), unless a claim is already planned sooner. */
  private claimIn(ms: number): void {
    if (this.stopped) return
    const at = Date.now() + ms
    if (at >= this.nextClaimAt && this.claimTimer) return
    clearTimeout(this.claimTimer)
    this.nextClaimAt = at
    this.claimTimer = setTimeout(() => {
      this.nextClaimAt = Number.POSITIVE_INFINITY
      this.claimTimer = undefined
      this.wake()
    }, ms + 5)
    this.claimTimer.unref()
  }
}
