import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { sql } from 'drizzle-orm'
import { type Db, queryRows } from './db.ts'

export interface Migration {
  name: string
  sql: string
}

/** Statements in a migration file are separated by this marker (drizzle-kit's convention). */
export const STATEMENT_BREAK = '--> statement-breakpoint'

/** The `.sql` files of a migrations folder, in name order. */
export async function loadMigrations(folder: URL): Promise<Migration[]> {
  const names = (await readdir(folder)).filter((n) => n.endsWith('.sql')).sort()
  return Promise.all(names.map(async (name) => ({ name, sql: await readFile(new URL(name, folder), 'utf8') })))
}

function checksum(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16)
}

/**
 * Applies the migrations not yet applied to `schema`, each in its own transaction, under an
 * advisory lock so that replicas starting together apply each one once. A migration that was
 * edited after it ran stops the start: migrations are append-only.
 */
export async function migrate(db: Db, schema: string, migrations: Migration[]): Promise<string[]> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid schema name: ${schema}`)
  const s = sql.identifier(schema)
  const lock = sql`SELECT pg_advisory_xact_lock(hashtext(${`emporium.migrate.${schema}`}))`
  await db.transaction(async (tx) => {
    await tx.execute(lock)
    await tx.execute(sql`CREATE SCHEMA IF NOT EXISTS ${s}`)
    await tx.execute(
      sql`CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    )
  })
  const applied: string[] = []
  for (const migration of migrations) {
    const sum = checksum(migration.sql)
    const ran = await db.transaction(async (tx) => {
      await tx.execute(lock)
      const rows = await queryRows<{ checksum: string }>(
        tx,
        sql`SELECT checksum FROM ${s}.schema_migrations WHERE name = ${migration.name}`,
      )
      if (rows[0]) {
        if (rows[0].checksum !== sum) {
          throw new Error(`Migration ${schema}/${migration.name} changed after it was applied; add a new migration instead.`)
        }
        return false
      }
      for (const statement of migration.sql.split(STATEMENT_BREAK)) {
        if (statement.trim()) await tx.execute(sql.raw(statement))
      }
      await tx.execute(sql`INSERT INTO ${s}.schema_migrations (name, checksum) VALUES (${migration.name}, ${sum})`)
      return true
    })
    if (ran) applied.push(migration.name)
  }
  return applied
}
