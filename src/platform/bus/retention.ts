import { sql } from 'drizzle-orm'
import type { Db } from '../db/db.ts'
import { startPeriodicJob } from '../jobs.ts'
import type { Logger } from '../log.ts'

export interface RetentionOptions {
  /** Sent outbox rows and inbox rows are kept this long: far past any redelivery a broker or a restarted relay makes. */
  retainDays: number
  intervalMs: number
}

export const RETENTION_DEFAULTS: RetentionOptions = { retainDays: 7, intervalMs: 3_600_000 }

/** Purges what the bus tables no longer need: outbox rows sent and inbox rows recorded more than `retainDays` ago. */
export async function purgeBusTables(db: Db, schema: string, retainDays: number): Promise<number> {
  const s = sql.identifier(schema)
  const sent = await db.execute(sql`DELETE FROM ${s}.outbox WHERE sent_at < now() - make_interval(days => ${retainDays})`)
  const seen = await db.execute(sql`DELETE FROM ${s}.inbox WHERE processed_at < now() - make_interval(days => ${retainDays})`)
  return affected(sent) + affected(seen)
}

function affected(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number }
  return Number(r.rowCount ?? r.affectedRows ?? 0)
}

export function startBusRetention(db: Db, schema: string, log: Logger, options: RetentionOptions = RETENTION_DEFAULTS): () => Promise<void> {
  return startPeriodicJob(log, {
    name: 'bus retention',
    intervalMs: options.intervalMs,
    done: 'purged old outbox and inbox rows',
    work: () => purgeBusTables(db, schema, options.retainDays),
  })
}
