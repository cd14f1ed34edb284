import { sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../platform/db/db.ts'
import { startWakeableJob } from '../../platform/jobs.ts'
import type { Logger } from '../../platform/log.ts'
import { SIMULATOR_SIGNATURE_HEADER } from './simulator-provider.ts'
import { signatureHeader } from './webhook-signature.ts'

/** Sends one webhook body with its headers; resolves with the HTTP status the endpoint answered. */
export type WebhookSender = (body: string, headers: Record<string, string>) => Promise<number>

export interface WebhookDelivery {
  wake(): void
  stop(): Promise<void>
}

/** How long a claimed webhook is left to one sender before another may take it. */
const LEASE_SECONDS = 30

/**
 * The simulator's webhook sender: queued events are signed at send time (as a processor does)
 * and sent until the endpoint answers 2xx, backing off up to a minute. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so replicas share them; the endpoint dedupes by event id.
 */
export function startWebhookDelivery(db: Db, send: WebhookSender, secret: string, log: Logger, pollMs: number): WebhookDelivery {
  let stopped = false

  async function deliverDue(): Promise<void> {
    for (;;) {
      const due = await queryRows<{ id: string; payload: string; attempts: number }>(
        db,
        sql`UPDATE payment.simulator_webhooks SET next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = attempts + 1
            WHERE id IN (SELECT id FROM payment.simulator_webhooks WHERE delivered_at IS NULL AND next_attempt_at <= now()
                         ORDER BY created_at LIMIT 10 FOR UPDATE SKIP LOCKED)
            RETURNING id, payload, attempts`,
      )
      await Promise.all(due.map((row) => deliverOne(row)))
      if (due.length < 10 || stopped) return
    }
  }

  async function deliverOne(row: { id: string; payload: string; attempts: number }): Promise<void> {
    let error: string | undefined
    try {
      const status = await send(row.payload, { 'content-type': 'application/json', [SIMULATOR_SIGNATURE_HEADER.toLowerCase()]: signatureHeader(row.payload, secret) })
      if (status < 200 || status >= 300) error = `endpoint answered ${status}`
    } catch (err) {
      error = err instanceof Error ? err.message : String(err)
    }
    if (error === undefined) {
      await db.execute(sql`UPDATE payment.simulator_webhooks SET delivered_at = now(), last_error = NULL WHERE id = ${row.id}`)
      return
    }
    log.warn({ webhookId: row.id, attempts: row.attempts, error }, 'simulator webhook not accepted; will retry')
    await db.execute(
      sql`UPDATE payment.simulator_webhooks SET last_error = ${error},
          next_attempt_at = now() + make_interval(secs => least(60, power(2, ${row.attempts})::int)) WHERE id = ${row.id}`,
    )
  }

  const job = startWakeableJob(log, {
    name: 'simulator webhook delivery',
    pollMs,
    run: async () => {
      await deliverDue()
      return undefined
    },
  })
  return {
    wake: job.wake,
    async stop() {
      stopped = true
      await job.stop()
    },
  }
}
