import type { AuthUser } from '../../platform/auth.ts'
import { BadRequest } from '../../platform/errors.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { assertStrongPassword } from './identity.rules.ts'
import { assertLoginAllowed, recordLoginFailure } from './login-throttle.ts'
import { hashPassword, verifyPassword } from './passwords.ts'
import { revokeUserSessions } from './sessions.repo.ts'
import { getUser, updateUser } from './users.repo.ts'

/**
 * The caller proves the current password and sets a new one; every other session ends. Wrong
 * current passwords count as failed logins, so a stolen access token cannot guess at leisure.
 */
export async function changePassword(
  deps: IdentityDeps,
  caller: AuthUser,
  body: { currentPassword: string; newPassword: string },
  ip: string,
): Promise<void> {
  const user = await getUser(deps.db, caller.id)
  await assertLoginAllowed(deps.kv, user.email, ip)
  if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
    await recordLoginFailure(deps.kv, deps.config.login, user.email, ip)
    throw new BadRequest('The current password is wrong.', [{ path: 'currentPassword', message: 'is wrong' }], 'wrong_password')
  }
  assertStrongPassword(body.newPassword, 'newPassword')
  const passwordHash = await hashPassword(body.newPassword)
  await deps.db.transaction(async (tx) => {
    await updateUser(tx, user.id, { passwordHash })
    await revokeUserSessions(tx, user.id, 'password_changed', caller.sessionId)
  })
}
