import { v7 as uuidv7 } from 'uuid'
import { userRegistered } from '../../contracts/identity.events.ts'
import type { DbOrTx } from '../../platform/db/db.ts'
import { Conflict } from '../../platform/errors.ts'
import { issueCode } from './email-codes.ts'
import type { IdentityDeps } from './identity.deps.ts'
import type { AuthResult, RegisterBody } from './identity.dto.ts'
import { assertStrongPassword, normalizeEmail } from './identity.rules.ts'
import type { UserRow } from './identity.tables.ts'
import { hashPassword } from './passwords.ts'
import { authResult, openSession } from './session-tokens.ts'
import { findUserByEmail, insertUser } from './users.repo.ts'

/** A customer signs up: the account, its first session, a welcome and a verification code. */
export async function register(deps: IdentityDeps, body: RegisterBody): Promise<AuthResult> {
  assertStrongPassword(body.password)
  const email = normalizeEmail(body.email)
  if (await findUserByEmail(deps.db, email)) throw emailTaken()
  const passwordHash = await hashPassword(body.password)
  const created = await deps.db.transaction(async (tx) => {
    const user = await insertUser(tx, {
      id: uuidv7(),
      email,
      passwordHash,
      firstName: body.firstName,
      lastName: body.lastName,
      phone: body.phone ?? null,
      role: 'customer',
    })
    if (!user) return undefined
    await announceUser(deps, tx, user)
    await issueCode(deps, tx, user, 'verify_email')
    return { user, ...(await openSession(tx, user.id, deps.config.auth.refreshTokenTtlDays)) }
  })
  if (!created) throw emailTaken()
  return authResult(deps, created.user, created.sessionId, created.refreshToken)
}

/** Writes user.registered in the transaction that created the user. */
export async function announceUser(deps: Pick<IdentityDeps, 'outbox'>, tx: DbOrTx, user: UserRow): Promise<void> {
  await deps.outbox.add(
    tx,
    userRegistered({ userId: user.id, email: user.email, firstName: user.firstName, lastName: user.lastName, role: user.role }),
  )
}

function emailTaken(): Conflict {
  return new Conflict('An account with this email already exists.', 'email_taken')
}
