import { Unauthorized } from '../../platform/errors.ts'
import type { IdentityDeps } from './identity.deps.ts'
import type { AuthResult, LoginBody } from './identity.dto.ts'
import { normalizeEmail } from './identity.rules.ts'
import type { UserRow } from './identity.tables.ts'
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from './login-throttle.ts'
import { verifyDummyPassword, verifyPassword } from './passwords.ts'
import { authResult, openSession } from './session-tokens.ts'
import { matchTotp } from './totp.ts'
import { claimTotpStep, findUserByEmail } from './users.repo.ts'

/**
 * Email and password (and a TOTP code when 2FA is on) for a new session. An unknown email gets
 * the same answer, after the same work, as a wrong password; failures are throttled.
 */
export async function login(deps: IdentityDeps, body: LoginBody, ip: string): Promise<AuthResult> {
  const email = normalizeEmail(body.email)
  await assertLoginAllowed(deps.kv, email, ip)
  const user = await findUserByEmail(deps.db, email)
  const passwordOk = user ? await verifyPassword(user.passwordHash, body.password) : await verifyDummyPassword(body.password)
  if (!user || !passwordOk) {
    await recordLoginFailure(deps.kv, deps.config.login, email, ip)
    throw new Unauthorized('The email or password is wrong.', 'invalid_credentials')
  }
  if (!user.active) throw new Unauthorized('This account has been deactivated.', 'account_disabled')
  if (user.totpEnabled) await assertTotp(deps, user, body.totp, ip)
  await clearLoginFailures(deps.kv, email)
  const session = await deps.db.transaction((tx) => openSession(tx, user.id, deps.config.auth.refreshTokenTtlDays))
  return authResult(deps, user, session.sessionId, session.refreshToken)
}

async function assertTotp(deps: IdentityDeps, user: UserRow, code: string | undefined, ip: string): Promise<void> {
  if (!code) throw new Unauthorized('This account needs a code from its authenticator app.', 'totp_required')
  const step = user.totpSecret ? matchTotp(user.totpSecret, code) : undefined
  if (step === undefined || !(await claimTotpStep(deps.db, user.id, step))) {
    await recordLoginFailure(deps.kv, deps.config.login, user.email, ip)
    throw new Unauthorized('The authenticator code is wrong or was already used.', 'invalid_totp')
  }
}
