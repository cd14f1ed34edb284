import { toSnakeCase } from 'drizzle-orm/casing'
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InProcessTransport } from '../../platform/bus/in-process.ts'
import type { ServiceName } from '../../platform/config.ts'
import { postgresServiceDb } from '../../platform/db/db.ts'
import { MemoryKv } from '../../platform/kv/memory.ts'
import { createLogger } from '../../platform/log.ts'
import { type RunningService, startService } from '../../platform/service.ts'
import { testConfig } from '../../../test/support/config.ts'
import { createTestDatabase } from '../../../test/support/postgres.ts'
import { serversAvailable } from '../../../test/support/servers.ts'
import { identity } from './index.ts'
import { call, registerUser } from './identity.test-kit.ts'
import * as tables from './identity.tables.ts'

const available = await serversAvailable('postgres')

/** Identity on a real PostgreSQL: its migration runs there, matches the Drizzle tables, and a refresh token is claimed once under true concurrency. */
describe.skipIf(!available)('identity on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>
  let running: RunningService
  let transport: InProcessTransport
  let kv: MemoryKv
  const services = { get: () => running }

  beforeAll(async () => {
    database = await createTestDatabase('identity')
    const config = testConfig({}, 'distributed')
    const log = createLogger(config)
    transport = new InProcessTransport({ maxAttempts: 3, delaysMs: [20] }, log)
    kv = new MemoryKv()
    const urls = Object.fromEntries(Object.entries(config.services).map(([n, s]) => [n, s.url])) as Record<ServiceName, string>
    const openDb = () => postgresServiceDb({ serverUrl: database.serverUrl, database: database.name, poolSize: 10 })
    running = await startService(identity, { openDb, transport, kv, urls }, config, log)
  })

  afterAll(async () => {
    await running?.closeHttp()
    await transport?.close()
    await running?.stopWork()
    await running?.closeDb()
    await kv?.close()
    await database?.drop()
  })

  it('when the migration has run, then every table, column, index and constraint matches the Drizzle definitions', async () => {
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    try {
      const drizzleTables: PgTable[] = [tables.users, tables.sessions, tables.refreshTokens, tables.signingKeys, tables.emailCodes, tables.addresses]
      for (const table of drizzleTables) {
        const cfg = getTableConfig(table)
        const { rows: columns } = await client.query<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
          `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'identity' AND table_name = $1`,
          [cfg.name],
        )
        const actual = Object.fromEntries(columns.map((c) => [c.column_name, { type: c.data_type, notNull: c.is_nullable === 'NO', hasDefault: c.column_default !== null }]))
        const expected = Object.fromEntries(
          cfg.columns.map((c) => [toSnakeCase(c.name), { type: c.getSQLType(), notNull: c.notNull, hasDefault: c.hasDefault }]),
        )
        expect(actual, cfg.name).toEqual(expected)

        const { rows: indexes } = await client.query<{ indexname: string }>(
          `SELECT indexname FROM pg_indexes WHERE schemaname = 'identity' AND tablename = $1`,
          [cfg.name],
        )
        const expectedIndexes = [
          `${cfg.name}_pkey`,
          ...cfg.indexes.map((i) => i.config.name),
          ...cfg.columns.filter((c) => c.isUnique).map((c) => c.uniqueName),
        ]
        expect(indexes.map((i) => i.indexname).sort(), cfg.name).toEqual(expectedIndexes.sort())

        const { rows: constraints } = await client.query<{ conname: string; contype: string }>(
          `SELECT conname, contype FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('c', 'f')`,
          [`identity.${cfg.name}`],
        )
        expect(constraints.filter((c) => c.contype === 'c').map((c) => c.conname).sort(), cfg.name).toEqual(cfg.checks.map((c) => c.name).sort())
        expect(constraints.filter((c) => c.contype === 'f'), cfg.name).toHaveLength(cfg.foreignKeys.length)
      }
    } finally {
      await client.end()
    }
  })

  it('when one refresh token is exchanged many times at once, then exactly one exchange succeeds', async () => {
    const user = await registerUser(services)
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => call(services, 'POST', '/api/auth/refresh', { body: { refreshToken: user.refreshToken } })),
    )
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(1)
    expect(answers.filter((r) => r.statusCode === 401)).toHaveLength(7)
  })

  it('when two addresses are added at once to an empty book, then exactly one is the default', async () => {
    const user = await registerUser(services)
    const body = { fullName: 'A B', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' }
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => call(services, 'POST', '/api/auth/me/addresses', { token: user.accessToken, body })),
    )
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201, 201])
    const list = (await call(services, 'GET', '/api/auth/me/addresses', { token: user.accessToken })).json<{ items: Array<{ isDefault: boolean }> }>()
    expect(list.items.filter((a) => a.isDefault)).toHaveLength(1)
  })
})
