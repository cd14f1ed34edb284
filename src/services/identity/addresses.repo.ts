import { and, asc, count, desc, eq, ne, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../platform/db/db.ts'
import { type AddressRow, addresses, users } from './identity.tables.ts'

export type NewAddress = typeof addresses.$inferInsert
export type AddressChanges = Partial<Omit<NewAddress, 'id' | 'userId' | 'createdAt' | 'updatedAt'>>

/** Serialises a user's address changes, so that two requests cannot both make a default. */
export async function lockUserAddresses(tx: DbOrTx, userId: string): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update')
}

export async function listAddresses(db: DbOrTx, userId: string): Promise<AddressRow[]> {
  return db
    .select()
    .from(addresses)
    .where(eq(addresses.userId, userId))
    .orderBy(desc(addresses.isDefault), asc(addresses.createdAt), asc(addresses.id))
}

export async function countAddresses(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(addresses).where(eq(addresses.userId, userId))
  return row?.n ?? 0
}

/** The address when it is this user's; another user's id is as good as unknown. */
export async function findAddress(db: DbOrTx, userId: string, id: string): Promise<AddressRow | undefined> {
  const [row] = await db
    .select()
    .from(addresses)
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
  return row
}

export async function insertAddress(tx: DbOrTx, address: NewAddress): Promise<AddressRow> {
  const [row] = await tx.insert(addresses).values(address).returning()
  if (!row) throw new Error('address insert returned nothing')
  return row
}

export async function updateAddress(tx: DbOrTx, userId: string, id: string, changes: AddressChanges): Promise<AddressRow | undefined> {
  const [row] = await tx
    .update(addresses)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
    .returning()
  return row
}

/** Unsets the user's default address (but `keep`'s). */
export async function clearDefaultAddress(tx: DbOrTx, userId: string, keep?: string): Promise<void> {
  await tx
    .update(addresses)
    .set({ isDefault: false, updatedAt: sql`now()` })
    .where(and(eq(addresses.userId, userId), eq(addresses.isDefault, true), keep ? ne(addresses.id, keep) : undefined))
}

export async function deleteAddress(tx: DbOrTx, userId: string, id: string): Promise<AddressRow | undefined> {
  const [row] = await tx
    .delete(addresses)
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
    .returning()
  return row
}

export async function oldestAddress(db: DbOrTx, userId: string): Promise<AddressRow | undefined> {
  const [row] = await db
    .select()
    .from(addresses)
    .where(eq(addresses.userId, userId))
    .orderBy(asc(addresses.createdAt), asc(addresses.id))
    .limit(1)
  return row
}
