import { toSnakeCase } from 'drizzle-orm/casing'
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core'
import pg from 'pg'
import { expect } from 'vitest'
import { InProcessTransport } from '../../src/platform/bus/in-process.ts'
import type { ServiceName } from '../../src/platform/config.ts'
import { postgresServiceDb } from '../../src/platform/db/db.ts'
import { MemoryKv } from '../../src/platform/kv/memory.ts'
import { openMailer } from '../../src/platform/mail/mailer.ts'
import { createLogger } from '../../src/platform/log.ts'
import { type RunningService, type ServiceModule, startService } from '../../src/platform/service.ts'
import { testConfig } from './config.ts'
import { createTestDatabase } from './postgres.ts'

export interface OnPostgres {
  running: RunningService
  database: Awaited<ReturnType<typeof createTestDatabase>>
  stop(): Promise<void>
}

/**
 * One service on a database of its own on the real PostgreSQL (dropped by `stop`), with the
 * in-process bus: for what only true concurrency shows. `urls` points it at other services
 * (identity's JWKS, say).
 */
export async function startOnPostgres(
  module: ServiceModule,
  options: { env?: Record<string, string>; poolSize?: number; urls?: Partial<Record<ServiceName, string>> } = {},
): Promise<OnPostgres> {
  const database = await createTestDatabase(module.name)
  const config = testConfig(options.env, 'distributed')
  const log = createLogger(config)
  const transport = new InProcessTransport({ maxAttempts: 3, delaysMs: [20] }, log)
  const kv = new MemoryKv()
  const mailer = openMailer(config.mail)
  const urls = { ...Object.fromEntries(Object.entries(config.services).map(([n, s]) => [n, s.url])), ...options.urls } as Record<ServiceName, string>
  const openDb = () => postgresServiceDb({ serverUrl: database.serverUrl, database: database.name, poolSize: options.poolSize ?? 10 })
  const running = await startService(module, { openDb, transport, kv, mailer, urls }, config, log)
  return {
    running,
    database,
    async stop() {
      await running.closeHttp()
      await transport.close()
      await running.stopWork()
      await running.closeDb()
      await kv.close()
      await mailer.close()
      await database.drop()
    },
  }
}

/** Asserts that what the SQL migrations built in `schema` is what the Drizzle tables declare: columns, indexes, checks, foreign keys. */
export async function expectMigrationMatchesDrizzle(databaseUrl: string, schema: string, tables: PgTable[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    for (const table of tables) {
      const cfg = getTableConfig(table)
      const { rows: columns } = await client.query<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null; is_generated: string }>(
        `SELECT column_name, data_type, is_nullable, column_default, is_generated FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`,
        [schema, cfg.name],
      )
      const actual = Object.fromEntries(
        columns.map((c) => [c.column_name, { type: c.data_type, notNull: c.is_nullable === 'NO', hasDefault: c.column_default !== null, generated: c.is_generated === 'ALWAYS' }]),
      )
      const expected = Object.fromEntries(
        cfg.columns.map((c) => [toSnakeCase(c.name), { type: c.getSQLType(), notNull: c.notNull, hasDefault: c.hasDefault, generated: c.generated !== undefined }]),
      )
      expect(actual, cfg.name).toEqual(expected)

      const { rows: indexes } = await client.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2`, [schema, cfg.name])
      const expectedIndexes = [
        ...(cfg.primaryKeys.length > 0 ? cfg.primaryKeys.map((k) => k.getName()) : [`${cfg.name}_pkey`]),
        ...cfg.indexes.map((i) => i.config.name),
        ...cfg.columns.filter((c) => c.isUnique).map((c) => c.uniqueName),
      ]
      expect(indexes.map((i) => i.indexname).sort(), cfg.name).toEqual(expectedIndexes.sort())

      const { rows: constraints } = await client.query<{ conname: string; contype: string }>(
        `SELECT conname, contype FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('c', 'f')`,
        [`${schema}.${cfg.name}`],
      )
      expect(constraints.filter((c) => c.contype === 'c').map((c) => c.conname).sort(), cfg.name).toEqual(cfg.checks.map((c) => c.name).sort())
      expect(constraints.filter((c) => c.contype === 'f'), cfg.name).toHaveLength(cfg.foreignKeys.length)
    }
  } finally {
    await client.end()
  }
}
