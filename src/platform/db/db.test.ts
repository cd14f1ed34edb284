import { randomBytes } from 'node:crypto'
import type { PGliteInterface } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../../test/support/postgres.ts'
import { serversAvailable, serverUrl } from '../../../test/support/servers.ts'
import { type Db, dropDatabase, ensureDatabase, openPglite, pgliteServiceDb, postgresServiceDb, queryRows, type ServiceDb } from './db.ts'
import { type Migration, migrate, STATEMENT_BREAK } from './migrate.ts'

const postgresUp = await serversAvailable('postgres')

/** Migrations that fail if any of them runs twice, and leave a trace of every run. */
function migrationsFor(schema: string): Migration[] {
  return [
    {
      name: '0001_items.sql',
      sql: [
        `CREATE TABLE ${schema}.items (id integer PRIMARY KEY, name text NOT NULL)`,
        `CREATE TABLE ${schema}.runs (name text NOT NULL)`,
        `INSERT INTO ${schema}.runs VALUES ('0001')`,
      ].join(`;\n${STATEMENT_BREAK}\n`),
    },
    {
      name: '0002_item_price.sql',
      sql: [`ALTER TABLE ${schema}.items ADD COLUMN price_minor integer`, `INSERT INTO ${schema}.runs VALUES ('0002')`].join(
        `;\n${STATEMENT_BREAK}\n`,
      ),
    },
  ]
}

const third = (schema: string): Migration => ({
  name: '0003_item_index.sql',
  sql: `CREATE INDEX items_name_idx ON ${schema}.items (name);\n${STATEMENT_BREAK}\nINSERT INTO ${schema}.runs VALUES ('0003')`,
})

async function runs(db: Db, schema: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(db, sql`SELECT name FROM ${sql.identifier(schema)}.runs ORDER BY name`)
  return rows.map((r) => r.name)
}

async function recorded(db: Db, schema: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(db, sql`SELECT name FROM ${sql.identifier(schema)}.schema_migrations ORDER BY name`)
  return rows.map((r) => r.name)
}

async function schemaExists(db: Db, schema: string): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name = ${schema}`)
  return rows[0]?.n === 1
}

function uniqueSchema(): string {
  return `mig_${randomBytes(4).toString('hex')}`
}

interface Engine {
  name: string
  available: boolean
  /** A database for one test. */
  open(): Promise<{ db: Db; close(): Promise<void> }>
  setup?(): Promise<void>
  teardown?(): Promise<void>
}

let pglite: PGliteInterface | undefined

const engines: Engine[] = [
  {
    name: 'PGlite',
    available: true,
    // One instance for the file (opening one takes seconds); each test works in a schema of its own.
    async setup() {
      pglite = await openPglite(undefined)
    },
    async teardown() {
      await pglite?.close()
    },
    async open() {
      if (!pglite) throw new Error('PGlite is not open')
      const { db } = pgliteServiceDb(pglite)
      return { db, close: async () => undefined }
    },
  },
  {
    name: 'PostgreSQL',
    available: postgresUp,
    async open() {
      const database = await createTestDatabase('migrate')
      const service = await postgresServiceDb({ serverUrl: database.serverUrl, database: database.name, poolSize: 2 })
      return {
        db: service.db,
        async close() {
          await service.close()
          await database.drop()
        },
      }
    },
  },
]

describe.each(engines)('migrate() on $name', (engine) => {
  let db: Db
  let close: () => Promise<void>
  let schema: string

  beforeAll(async () => {
    if (engine.available) await engine.setup?.()
  })
  afterAll(async () => {
    if (engine.available) await engine.teardown?.()
  })
  beforeEach(async () => {
    if (!engine.available) return
    ;({ db, close } = await engine.open())
    schema = uniqueSchema()
  })
  afterEach(async () => {
    if (!engine.available) return
    if (engine.name === 'PGlite') await db.execute(sql`DROP SCHEMA IF EXISTS ${sql.identifier(schema)} CASCADE`)
    await close()
  })

  it.skipIf(!engine.available)('when a schema is new, then every migration is applied once, in order, and recorded', async () => {
    expect(await migrate(db, schema, migrationsFor(schema))).toEqual(['0001_items.sql', '0002_item_price.sql'])
    expect(await recorded(db, schema)).toEqual(['0001_items.sql', '0002_item_price.sql'])
    expect(await runs(db, schema)).toEqual(['0001', '0002'])
    await db.execute(sql`INSERT INTO ${sql.identifier(schema)}.items (id, name, price_minor) VALUES (1, 'mug', 1299)`)
  })

  it.skipIf(!engine.available)('when run again, then nothing is applied and the data stays', async () => {
    await migrate(db, schema, migrationsFor(schema))
    await db.execute(sql`INSERT INTO ${sql.identifier(schema)}.items (id, name) VALUES (1, 'mug')`)
    expect(await migrate(db, schema, migrationsFor(schema))).toEqual([])
    expect(await runs(db, schema)).toEqual(['0001', '0002'])
    const items = await queryRows<{ name: string }>(db, sql`SELECT name FROM ${sql.identifier(schema)}.items`)
    expect(items).toEqual([{ name: 'mug' }])
  })

  it.skipIf(!engine.available)('when a migration is added later, then only that one is applied', async () => {
    await migrate(db, schema, migrationsFor(schema))
    expect(await migrate(db, schema, [...migrationsFor(schema), third(schema)])).toEqual(['0003_item_index.sql'])
    expect(await runs(db, schema)).toEqual(['0001', '0002', '0003'])
  })

  it.skipIf(!engine.available)('when an applied migration was edited, then migrate refuses and applies nothing after it', async () => {
    await migrate(db, schema, migrationsFor(schema).slice(0, 1))
    const edited = migrationsFor(schema)
    edited[0] = { ...edited[0]!, sql: `${edited[0]!.sql}\n-- a harmless-looking edit` }
    await expect(migrate(db, schema, edited)).rejects.toThrow(/0001_items\.sql changed after it was applied/)
    expect(await recorded(db, schema)).toEqual(['0001_items.sql'])
    expect(await runs(db, schema)).toEqual(['0001'])
  })

  it.skipIf(!engine.available)('when a migration fails, then it leaves nothing behind and the earlier ones stay applied', async () => {
    const broken: Migration = {
      name: '0003_broken.sql',
      sql: `INSERT INTO ${schema}.runs VALUES ('0003');\n${STATEMENT_BREAK}\nALTER TABLE ${schema}.no_such_table ADD COLUMN x int`,
    }
    await expect(migrate(db, schema, [...migrationsFor(schema), broken])).rejects.toThrow()
    expect(await recorded(db, schema)).toEqual(['0001_items.sql', '0002_item_price.sql'])
    expect(await runs(db, schema)).toEqual(['0001', '0002'])
    expect(await migrate(db, schema, [...migrationsFor(schema), third(schema)])).toEqual(['0003_item_index.sql'])
  })

  it.skipIf(!engine.available)('when two schemas are migrated, then each keeps its own record', async () => {
    const other = uniqueSchema()
    try {
      await migrate(db, schema, migrationsFor(schema))
      expect(await migrate(db, other, migrationsFor(other).slice(0, 1))).toEqual(['0001_items.sql'])
      expect(await recorded(db, other)).toEqual(['0001_items.sql'])
      expect(await recorded(db, schema)).toEqual(['0001_items.sql', '0002_item_price.sql'])
    } finally {
      await db.execute(sql`DROP SCHEMA IF EXISTS ${sql.identifier(other)} CASCADE`)
    }
  })

  it.skipIf(!engine.available)('when the schema name is not a plain identifier, then nothing is run', async () => {
    await expect(migrate(db, 'bad-name; DROP TABLE x', [])).rejects.toThrow(/Invalid schema name/)
    expect(await schemaExists(db, schema)).toBe(false)
  })
})

describe.skipIf(!postgresUp)('migrate() with replicas on PostgreSQL', () => {
  const opened: ServiceDb[] = []
  let drop: (() => Promise<void>) | undefined

  afterEach(async () => {
    await Promise.allSettled(opened.splice(0).map((s) => s.close()))
    await drop?.()
    drop = undefined
  })

  it('when four replicas migrate at once, then each migration is applied exactly once', async () => {
    const database = await createTestDatabase('replicas')
    drop = database.drop
    for (let i = 0; i < 4; i++) {
      opened.push(await postgresServiceDb({ serverUrl: database.serverUrl, database: database.name, poolSize: 2 }))
    }
    const schema = uniqueSchema()
    // A slow first migration widens the window in which the replicas overlap.
    const migrations = migrationsFor(schema)
    migrations[0] = { ...migrations[0]!, sql: `SELECT pg_sleep(0.2);\n${STATEMENT_BREAK}\n${migrations[0]!.sql}` }
    const results = await Promise.all(opened.map((s) => migrate(s.db, schema, migrations)))

    expect(results.flat().sort()).toEqual(['0001_items.sql', '0002_item_price.sql'])
    expect(await runs(opened[0]!.db, schema)).toEqual(['0001', '0002'])
    expect(await recorded(opened[0]!.db, schema)).toEqual(['0001_items.sql', '0002_item_price.sql'])
  })

  it('when replicas create the same database at once, then all of them succeed', async () => {
    const name = `emporium_ensure_${randomBytes(5).toString('hex')}`
    const server = serverUrl('postgres')
    drop = () => dropDatabase(server, name)
    await Promise.all([ensureDatabase(server, name), ensureDatabase(server, name), ensureDatabase(server, name)])
    const service = await postgresServiceDb({ serverUrl: server, database: name, poolSize: 1 })
    opened.push(service)
    await expect(service.ping()).resolves.toBeUndefined()
  })
})
