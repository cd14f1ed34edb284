import type { DbOrTx } from '../../platform/db/db.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { type AuthResult, toUserDto } from './identity.dto.ts'
import { newRefreshToken, refreshTokenExpiry, sha256 } from './identity.rules.ts'
import type { UserRow } from './identity.tables.ts'
import { insertRefreshToken, insertSession } from './sessions.repo.ts'

/** Opens a session (a refresh-token family) and issues its first refresh token. */
export async function openSession(tx: DbOrTx, userId: string, ttlDays: number): Promise<{ sessionId: string; refreshToken: string }> {
  const session = await insertSession(tx, userId)
  const refreshToken = await addRefreshToken(tx, session.id, ttlDays)
  return { sessionId: session.id, refreshToken }
}

/** Issues the next refresh token of a session; only its hash is stored. */
export async function addRefreshToken(tx: DbOrTx, sessionId: string, ttlDays: number): Promise<string> {
  const token = newRefreshToken()
  await insertRefreshToken(tx, { sessionId, tokenHash: sha256(token), expiresAt: refreshTokenExpiry(new Date(), ttlDays) })
  return token
}

/** The answer of register, login and refresh: the user, a fresh access token and the refresh token. */
export async function authResult(deps: IdentityDeps, user: UserRow, sessionId: string, refreshToken: string): Promise<AuthResult> {
  const accessToken = await deps.keys.sign({ sub: user.id, role: user.role, email: user.email, sid: sessionId })
  return { user: toUserDto(user), accessToken, refreshToken, expiresIn: deps.config.auth.accessTokenTtlSeconds }
}
