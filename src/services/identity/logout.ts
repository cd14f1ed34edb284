import type { AuthUser } from '../../platform/auth.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { sha256 } from './identity.rules.ts'
import { findRefreshToken, revokeSession } from './sessions.repo.ts'

/** Ends the caller's session, and the session of the given refresh token when it is the caller's. */
export async function logout(deps: IdentityDeps, caller: AuthUser, refreshToken: string): Promise<void> {
  const found = await findRefreshToken(deps.db, sha256(refreshToken))
  if (found && found.user.id === caller.id) await revokeSession(deps.db, found.session.id, 'logout')
  await revokeSession(deps.db, caller.sessionId, 'logout')
}
