import { randomBytes } from 'node:crypto'
import { dropDatabase, ensureDatabase } from '../../src/platform/db/db.ts'
import { serverUrl } from './servers.ts'

/** A database of its own for one test, dropped by `drop()`. */
export async function createTestDatabase(label = 'test'): Promise<{ name: string; url: string; serverUrl: string; drop(): Promise<void> }> {
  const server = serverUrl('postgres')
  const name = `emporium_${label}_${randomBytes(5).toString('hex')}`
  await ensureDatabase(server, name)
  const url = new URL(server)
  url.pathname = `/${name}`
  return { name, url: url.toString(), serverUrl: server, drop: () => dropDatabase(server, name) }
}

/** A unique DATABASE_PREFIX, so that a distributed test's per-service databases are its own. */
export function uniqueDatabasePrefix(label = 't'): string {
  return `emporium_${label}_${randomBytes(4).toString('hex')}`
}

/** Drops every database a prefix made. */
export async function dropDatabasesWithPrefix(prefix: string): Promise<void> {
  const pg = await import('pg')
  const client = new pg.default.Client({ connectionString: serverUrl('postgres') })
  await client.connect()
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}\\_%`])
    for (const row of rows) await dropDatabase(serverUrl('postgres'), row.datname)
  } finally {
    await client.end()
  }
}
