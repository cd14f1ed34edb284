import type { Migration } from '../db/migrate.ts'
import { STATEMENT_BREAK } from '../db/migrate.ts'

/**
 * The messaging tables every service has in its own schema: the outbox its relay drains,
 * the inbox that makes its consumers idempotent, and its dead letters.
 */
export function busMigrations(schema: string): Migration[] {
  const statements = [
    `CREATE TABLE ${schema}.outbox (
      seq bigserial PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      type text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      claimed_until timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      sent_at timestamptz
    )`,
    `CREATE INDEX outbox_unsent_idx ON ${schema}.outbox (seq) WHERE sent_at IS NULL`,
    `CREATE TABLE ${schema}.inbox (
      message_id uuid PRIMARY KEY,
      type text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE ${schema}.dead_letters (
      id uuid PRIMARY KEY,
      message_id uuid NOT NULL,
      type text NOT NULL,
      envelope jsonb NOT NULL,
      error text NOT NULL,
      attempts integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      replayed_at timestamptz
    )`,
    `CREATE INDEX dead_letters_open_idx ON ${schema}.dead_letters (created_at DESC) WHERE replayed_at IS NULL`,
  ]
  // The outbox joins the work queue (platform/work-queue.ts): a due time for retries; the inbox is purged by age.
  const workQueue = [
    `ALTER TABLE ${schema}.outbox ADD COLUMN due_at timestamptz NOT NULL DEFAULT now()`,
    `CREATE INDEX outbox_sent_idx ON ${schema}.outbox (sent_at) WHERE sent_at IS NOT NULL`,
    `CREATE INDEX inbox_processed_idx ON ${schema}.inbox (processed_at)`,
  ]
  return [
    { name: '0000_platform_bus.sql', sql: statements.join(`;\n${STATEMENT_BREAK}\n`) },
    { name: '0000_platform_bus_1_work_queue.sql', sql: workQueue.join(`;\n${STATEMENT_BREAK}\n`) },
  ]
}
