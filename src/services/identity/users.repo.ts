import { and, count, desc, eq, ilike, isNull, lt, or, type SQL, sql } from 'drizzle-orm'
import type { Role } from '../../platform/auth.ts'
import type { DbOrTx } from '../../platform/db/db.ts'
import { NotFound } from '../../platform/errors.ts'
import { likePattern } from './identity.rules.ts'
import { type UserRow, users } from './identity.tables.ts'

export type NewUser = typeof users.$inferInsert

/** Inserts the user unless the email is taken; undefined when it is. */
export async function insertUser(tx: DbOrTx, user: NewUser): Promise<UserRow | undefined> {
  const [row] = await tx.insert(users).values(user).onConflictDoNothing({ target: users.email }).returning()
  return row
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email))
  return row
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id))
  return row
}

export async function getUser(db: DbOrTx, id: string): Promise<UserRow> {
  const row = await findUserById(db, id)
  if (!row) throw new NotFound('User')
  return row
}

export type UserPatch = Partial<
  Pick<UserRow, 'firstName' | 'lastName' | 'phone' | 'role' | 'active' | 'passwordHash' | 'emailVerifiedAt' | 'totpSecret' | 'totpEnabled' | 'totpLastStep'>
>

export async function updateUser(db: DbOrTx, id: string, patch: UserPatch): Promise<UserRow> {
  const [row] = await db
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning()
  if (!row) throw new NotFound('User')
  return row
}

/** Records a TOTP time step as used, only if it is newer than the last one: a code works once. */
export async function claimTotpStep(db: DbOrTx, id: string, step: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id })
  return rows.length === 1
}

export async function listUsers(
  db: DbOrTx,
  filter: { q?: string | undefined; role?: Role | undefined; limit: number; offset: number },
): Promise<{ rows: UserRow[]; total: number }> {
  const conditions: SQL[] = []
  if (filter.q) {
    const pattern = likePattern(filter.q)
    const match = or(ilike(users.email, pattern), ilike(users.firstName, pattern), ilike(users.lastName, pattern))
    if (match) conditions.push(match)
  }
  if (filter.role) conditions.push(eq(users.role, filter.role))
  const where = conditions.length > 0 ? and(...conditions) : undefined
  const rows = await db
    .select()
    .from(users)
    .where(where)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(filter.limit)
    .offset(filter.offset)
  const [totals] = await db.select({ n: count() }).from(users).where(where)
  return { rows, total: totals?.n ?? 0 }
}
