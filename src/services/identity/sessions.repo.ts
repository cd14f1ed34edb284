import { and, eq, exists, gt, isNull, ne, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { DbOrTx } from '../../platform/db/db.ts'
import { type RefreshTokenRow, refreshTokens, type SessionRow, sessions, type UserRow, users } from './identity.tables.ts'

export async function insertSession(tx: DbOrTx, userId: string): Promise<SessionRow> {
  const [row] = await tx.insert(sessions).values({ id: uuidv7(), userId }).returning()
  if (!row) throw new Error('session insert returned nothing')
  return row
}

export async function insertRefreshToken(tx: DbOrTx, token: { sessionId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
  await tx.insert(refreshTokens).values({ id: uuidv7(), ...token })
}

export interface FoundRefreshToken {
  token: RefreshTokenRow
  session: SessionRow
  user: UserRow
}

export async function findRefreshToken(db: DbOrTx, tokenHash: string): Promise<FoundRefreshToken | undefined> {
  const [row] = await db
    .select({ token: refreshTokens, session: sessions, user: users })
    .from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(refreshTokens.tokenHash, tokenHash))
  return row
}

/**
 * Marks a refresh token used, atomically: of two concurrent calls only one gets true. Fails
 * too when the token has expired or its session was revoked in the meantime.
 */
export async function claimRefreshToken(tx: DbOrTx, id: string): Promise<boolean> {
  const liveSession = tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.id, refreshTokens.sessionId), isNull(sessions.revokedAt)))
  const rows = await tx
    .update(refreshTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(refreshTokens.id, id), isNull(refreshTokens.usedAt), gt(refreshTokens.expiresAt, sql`now()`), exists(liveSession)))
    .returning({ id: refreshTokens.id })
  return rows.length === 1
}

export async function touchSession(tx: DbOrTx, id: string): Promise<void> {
  await tx.update(sessions).set({ lastUsedAt: sql`now()` }).where(eq(sessions.id, id))
}

/** Revokes one session: every refresh token of its family stops working. */
export async function revokeSession(db: DbOrTx, id: string, reason: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
}

/** Revokes a user's sessions, all of them or all but `keep`. */
export async function revokeUserSessions(db: DbOrTx, userId: string, reason: string, keep?: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? ne(sessions.id, keep) : undefined))
}
