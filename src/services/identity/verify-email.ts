import type { AuthUser } from '../../platform/auth.ts'
import { markCodeUsed } from './codes.repo.ts'
import { checkCode, invalidCode } from './email-codes.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { getUser, updateUser } from './users.repo.ts'

/** The caller shows the code that was emailed to them; an address already verified stays so. */
export async function verifyEmail(deps: IdentityDeps, caller: AuthUser, code: string): Promise<void> {
  const user = await getUser(deps.db, caller.id)
  if (user.emailVerifiedAt) return
  const codeId = await checkCode(deps.db, user.id, 'verify_email', code)
  await deps.db.transaction(async (tx) => {
    if (!(await markCodeUsed(tx, codeId))) throw invalidCode()
    await updateUser(tx, user.id, { emailVerifiedAt: new Date() })
  })
}
