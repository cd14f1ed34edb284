import { Unauthorized } from '../../platform/errors.ts'
import type { IdentityDeps } from './identity.deps.ts'
import type { AuthResult } from './identity.dto.ts'
import { isExpired, sha256 } from './identity.rules.ts'
import { claimRefreshToken, findRefreshToken, revokeSession, touchSession } from './sessions.repo.ts'
import { addRefreshToken, authResult } from './session-tokens.ts'

/**
 * Exchanges a refresh token for a new pair. Each token works once: it is claimed atomically,
 * and presenting one that was already exchanged means it leaked, so its whole session is revoked.
 */
export async function refreshSession(deps: IdentityDeps, refreshToken: string): Promise<AuthResult> {
  const found = await findRefreshToken(deps.db, sha256(refreshToken))
  if (!found) throw invalidRefreshToken()
  const { token, session, user } = found
  if (token.usedAt) {
    await revokeSession(deps.db, session.id, 'refresh_token_reused')
    deps.log.warn({ userId: user.id, sessionId: session.id }, 'a used refresh token was presented again; session revoked')
    throw new Unauthorized('This refresh token was already used; the session has been ended.', 'refresh_token_reused')
  }
  if (session.revokedAt || isExpired(token.expiresAt, new Date()) || !user.active) throw invalidRefreshToken()

  const next = await deps.db.transaction(async (tx) => {
    // A concurrent exchange of the same token loses here and gets a 401.
    if (!(await claimRefreshToken(tx, token.id))) return undefined
    await touchSession(tx, session.id)
    return addRefreshToken(tx, session.id, deps.config.auth.refreshTokenTtlDays)
  })
  if (!next) throw invalidRefreshToken()
  return authResult(deps, user, session.id, next)
}

function invalidRefreshToken(): Unauthorized {
  return new Unauthorized('The refresh token is not valid.', 'invalid_refresh_token')
}
