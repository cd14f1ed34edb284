import { desc, sql } from 'drizzle-orm'
import type { Db, DbOrTx } from '../../platform/db/db.ts'
import { type SigningKeyRow, signingKeys } from './identity.tables.ts'

export async function newestSigningKeys(db: DbOrTx, limit: number): Promise<SigningKeyRow[]> {
  return db.select().from(signingKeys).orderBy(desc(signingKeys.createdAt), desc(signingKeys.id)).limit(limit)
}

export async function insertSigningKey(tx: DbOrTx, key: typeof signingKeys.$inferInsert): Promise<void> {
  await tx.insert(signingKeys).values(key)
}

/** Runs `fn` holding a lock that replicas starting together share: one of them makes the key. */
export async function withSigningKeyLock<T>(db: Db, fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('emporium.identity.signing_keys'))`)
    return fn(tx)
  })
}
