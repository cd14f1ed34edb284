import { sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/db.ts'
import type { Logger } from '../../platform/log.ts'
import { WorkQueue } from '../../platform/work-queue.ts'
import { SIMULATOR_SIGNATURE_HEADER } from './simulator-provider.ts'
import { signatureHeader } from './webhook-signature.ts'

/** Sends one webhook body with its headers; resolves with the HTTP status the endpoint answered. */
export type WebhookSender = (body: string, headers: Record<string, string>) => Promise<number>

export interface QueuedWebhook {
  id: string
  payload: string
  attempts: number
}

/** How long a webhook being sent is left to one sender before another may take it. */
const LEASE_MS = 10_000

/** The simulator's webhooks waiting to be sent, on the platform work queue: retried until the endpoint answers 2xx, backing off up to a minute. */
export function simulatorWebhookQueue(db: Db, afterCommit: (effect: () => void) => void, log: Logger): WorkQueue<QueuedWebhook> {
  return new WorkQueue<QueuedWebhook>(db, afterCommit, {
    name: 'simulator webhooks',
    table: sql`payment.simulator_webhooks`,
    key: 'id',
    pending: sql`t.delivered_at IS NULL`,
    orderBy: sql`t.created_at`,
    returning: sql`id, payload, attempts`,
    toRow: (r) => ({ id: String(r.id), payload: String(r.payload), attempts: Number(r.attempts) }),
    keyOf: (w) => w.id,
    retry: { maxAttempts: Number.POSITIVE_INFINITY, delaysMs: [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000] },
  }, log)
}

/**
 * The simulator's webhook sender: queued events are signed at send time (as a processor does)
 * and sent to the endpoint, which dedupes them by event id. Replicas share the queue.
 */
export function startWebhookDelivery(queue: WorkQueue<QueuedWebhook>, db: Db, send: WebhookSender, secret: string, log: Logger): () => Promise<void> {
  queue.start({
    concurrency: 10,
    leaseMs: LEASE_MS,
    async run(webhook) {
      let error: string | undefined
      try {
        const status = await send(webhook.payload, { 'content-type': 'application/json', [SIMULATOR_SIGNATURE_HEADER.toLowerCase()]: signatureHeader(webhook.payload, secret) })
        if (status < 200 || status >= 300) error = `endpoint answered ${status}`
      } catch (err) {
        error = err instanceof Error ? err.message : String(err)
      }
      if (error === undefined) {
        await queue.finish(db, [webhook.id], sql`delivered_at = now(), last_error = NULL`)
        return
      }
      log.warn({ webhookId: webhook.id, attempts: webhook.attempts, error }, 'simulator webhook not accepted; will retry')
      await queue.retry(db, webhook.id, webhook.attempts, error)
    },
  })
  return () => queue.stop()
}
