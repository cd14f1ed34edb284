import type { AuthUser } from '../../platform/auth.ts'
import { TooManyRequests } from '../../platform/errors.ts'
import { claimCodeEmailSlot, issueCode } from './email-codes.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { CODE_RESEND_SECONDS } from './identity.rules.ts'
import { getUser } from './users.repo.ts'

/** Emails a fresh verification code (the older one stops working); nothing to do once verified. */
export async function resendVerification(deps: IdentityDeps, caller: AuthUser): Promise<void> {
  const user = await getUser(deps.db, caller.id)
  if (user.emailVerifiedAt) return
  if (!(await claimCodeEmailSlot(deps.kv, user.id, 'verify_email'))) {
    throw new TooManyRequests('A code was sent a moment ago; wait before asking again.', CODE_RESEND_SECONDS, 'code_recently_sent')
  }
  await deps.db.transaction((tx) => issueCode(deps, tx, user, 'verify_email'))
}
