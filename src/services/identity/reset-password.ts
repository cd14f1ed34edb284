import { markCodeUsed } from './codes.repo.ts'
import { checkCode, invalidCode } from './email-codes.ts'
import type { IdentityDeps } from './identity.deps.ts'
import type { ResetPasswordBody } from './identity.dto.ts'
import { assertStrongPassword, normalizeEmail } from './identity.rules.ts'
import { clearLoginFailures } from './login-throttle.ts'
import { hashPassword } from './passwords.ts'
import { revokeUserSessions } from './sessions.repo.ts'
import { findUserByEmail, updateUser } from './users.repo.ts'

/**
 * The emailed code sets a new password and ends every session. Receiving the code proves the
 * address, so it also counts as verified.
 */
export async function resetPassword(deps: IdentityDeps, body: ResetPasswordBody): Promise<void> {
  assertStrongPassword(body.newPassword, 'newPassword')
  const user = await findUserByEmail(deps.db, normalizeEmail(body.email))
  if (!user || !user.active) throw invalidCode()
  const codeId = await checkCode(deps.db, user.id, 'reset_password', body.code)
  const passwordHash = await hashPassword(body.newPassword)
  await deps.db.transaction(async (tx) => {
    if (!(await markCodeUsed(tx, codeId))) throw invalidCode()
    await updateUser(tx, user.id, {
      passwordHash,
      ...(user.emailVerifiedAt ? {} : { emailVerifiedAt: new Date() }),
    })
    await revokeUserSessions(tx, user.id, 'password_reset')
  })
  await clearLoginFailures(deps.kv, user.email)
}
