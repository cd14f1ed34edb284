import { AsyncLocalStorage } from 'node:async_hooks'
import { mkdirSync } from 'node:fs'
import { PGlite, type PGliteInterface } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import type { SQL } from 'drizzle-orm'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import pg from 'pg'

/** A service's database handle: Drizzle over PGlite (embedded) or node-postgres (distributed). */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbOrTx = Db | Tx

export interface ServiceDb {
  db: Db
  /** Checks the database answers (readiness). */
  ping(): Promise<void>
  /**
   * Runs `effect` once the transaction under way commits, and never if it rolls back; outside
   * a transaction, at once. Work queues hand their new rows to their workers here.
   */
  afterCommit(effect: () => void): void
  close(): Promise<void>
}

/** Rows of a raw query, the same shape on both drivers. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] }
  return result.rows
}

/**
 * The effects waiting for the transaction of the current async flow to commit. Savepoints
 * (`tx.transaction`) run in the flow of their transaction, so their effects wait for it too.
 */
const pendingEffects = new AsyncLocalStorage<Array<() => void>>()

function withCommitEffects(db: Db): Pick<ServiceDb, 'afterCommit'> {
  const original = db.transaction.bind(db)
  const wrapped: Db['transaction'] = async (fn, config) => {
    const effects: Array<() => void> = []
    const result = await pendingEffects.run(effects, () => original(fn, config))
    for (const effect of effects) effect()
    return result
  }
  db.transaction = wrapped
  return {
    afterCommit(effect) {
      const effects = pendingEffects.getStore()
      if (effects) effects.push(effect)
      else effect()
    },
  }
}

/** Opens the one PGlite instance the embedded mode shares between services, pg_trgm loaded. */
export async function openPglite(dataDir: string | undefined): Promise<PGliteInterface> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const instance = await PGlite.create(dataDir, { extensions: { pg_trgm } })
  await instance.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm')
  return instance
}

/** A service's view of the shared PGlite instance. Closing it leaves the instance open. */
export function pgliteServiceDb(client: PGliteInterface): ServiceDb {
  const db = drizzlePglite({ client: client as PGlite, casing: 'snake_case' }) as unknown as Db
  const { afterCommit } = withCommitEffects(db)
  return {
    db,
    afterCommit,
    async ping() {
      await client.query('SELECT 1')
    },
    async close() {},
  }
}

/** The database of one service on a PostgreSQL server: `<prefix>_<service>`, created when missing. */
export async function postgresServiceDb(options: {
  serverUrl: string
  database: string
  poolSize: number
}): Promise<ServiceDb> {
  await ensureDatabase(options.serverUrl, options.database)
  const url = new URL(options.serverUrl)
  url.pathname = `/${options.database}`
  const pool = new pg.Pool({ connectionString: url.toString(), max: options.poolSize, idleTimeoutMillis: 30_000 })
  pool.on('error', () => {
    /* an idle client lost its connection; the pool replaces it */
  })
  await pool.query('CREATE EXTENSION IF NOT EXISTS pg_trgm').catch(() => undefined)
  const db = drizzlePg({ client: pool, casing: 'snake_case' }) as unknown as Db
  const { afterCommit } = withCommitEffects(db)
  return {
    db,
    afterCommit,
    async ping() {
      await pool.query('SELECT 1')
    },
    async close() {
      await pool.end()
    },
  }
}

export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`Invalid database name: ${database}`)
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${database}"`)
      } catch (err) {
        // Another replica created it between our look and our create.
        if ((err as { code?: string }).code !== '42P04' && (err as { code?: string }).code !== '23505') throw err
      }
    }
  } finally {
    await client.end()
  }
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`Invalid database name: ${database}`)
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
  } finally {
    await client.end()
  }
}
