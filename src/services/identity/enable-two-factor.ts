import type { AuthUser } from '../../platform/auth.ts'
import { BadRequest, Conflict } from '../../platform/errors.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { matchTotp } from './totp.ts'
import { getUser, updateUser } from './users.repo.ts'

/** Turns 2FA on once the caller shows a code from the secret made by setup. */
export async function enableTwoFactor(deps: IdentityDeps, caller: AuthUser, code: string): Promise<void> {
  const user = await getUser(deps.db, caller.id)
  if (user.totpEnabled) throw new Conflict('Two-factor authentication is already on.', 'two_factor_enabled')
  if (!user.totpSecret) throw new BadRequest('Call /api/auth/2fa/setup first.', undefined, 'two_factor_not_set_up')
  if (matchTotp(user.totpSecret, code) === undefined) throw invalidTotp()
  await updateUser(deps.db, user.id, { totpEnabled: true })
}

export function invalidTotp(): BadRequest {
  return new BadRequest('The authenticator code is wrong.', [{ path: 'code', message: 'is wrong' }], 'invalid_totp')
}
