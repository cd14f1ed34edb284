import type { AuthUser } from '../../platform/auth.ts'
import { Conflict } from '../../platform/errors.ts'
import { invalidTotp } from './enable-two-factor.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { matchTotp } from './totp.ts'
import { getUser, updateUser } from './users.repo.ts'

/** Turns 2FA off, on a current code; the secret is forgotten. */
export async function disableTwoFactor(deps: IdentityDeps, caller: AuthUser, code: string): Promise<void> {
  const user = await getUser(deps.db, caller.id)
  if (!user.totpEnabled || !user.totpSecret) throw new Conflict('Two-factor authentication is not on.', 'two_factor_not_enabled')
  if (matchTotp(user.totpSecret, code) === undefined) throw invalidTotp()
  await updateUser(deps.db, user.id, { totpEnabled: false, totpSecret: null, totpLastStep: null })
}
