import type { AuthUser } from '../../platform/auth.ts'
import { Conflict } from '../../platform/errors.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { newTotpSecret } from './totp.ts'
import { getUser, updateUser } from './users.repo.ts'

/** Makes and stores a new TOTP secret, not yet enabled: /2fa/enable turns it on once a code matches. */
export async function setupTwoFactor(deps: IdentityDeps, caller: AuthUser): Promise<{ otpauthUrl: string; secret: string }> {
  const user = await getUser(deps.db, caller.id)
  if (user.totpEnabled) throw new Conflict('Two-factor authentication is already on; disable it first.', 'two_factor_enabled')
  const created = newTotpSecret(user.email)
  await updateUser(deps.db, user.id, { totpSecret: created.secret, totpEnabled: false, totpLastStep: null })
  return created
}
