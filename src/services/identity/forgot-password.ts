import { claimCodeEmailSlot, issueCode } from './email-codes.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { normalizeEmail } from './identity.rules.ts'
import { findUserByEmail } from './users.repo.ts'

/**
 * Emails a reset code when the address has an active account, at most once a minute; the
 * answer never says whether it has, or whether a mail went.
 */
export async function forgotPassword(deps: IdentityDeps, email: string): Promise<void> {
  const user = await findUserByEmail(deps.db, normalizeEmail(email))
  if (!user || !user.active) return
  if (!(await claimCodeEmailSlot(deps.kv, user.id, 'reset_password'))) return
  await deps.db.transaction((tx) => issueCode(deps, tx, user, 'reset_password'))
}
