import { userPasswordResetRequested, userVerificationRequested } from '../../contracts/identity.events.ts'
import type { Db, DbOrTx } from '../../platform/db/db.ts'
import type { Kv } from '../../platform/kv/kv.ts'
import { BadRequest } from '../../platform/errors.ts'
import { claimCodeAttempt, findOpenCode, insertCode, retireCodes } from './codes.repo.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { CODE_RESEND_SECONDS, codeExpiry, codeState, generateCode, hashCode, sameDigest } from './identity.rules.ts'
import type { CodePurpose, UserRow } from './identity.tables.ts'

const EVENTS = { verify_email: userVerificationRequested, reset_password: userPasswordResetRequested } as const

/**
 * Issues a new code (retiring the user's older ones of that purpose) and writes the message
 * that emails it, in the caller's transaction.
 */
export async function issueCode(deps: Pick<IdentityDeps, 'outbox'>, tx: DbOrTx, user: UserRow, purpose: CodePurpose): Promise<void> {
  await retireCodes(tx, user.id, purpose)
  const code = generateCode()
  const expiresAt = codeExpiry(new Date())
  await insertCode(tx, { userId: user.id, purpose, codeHash: hashCode(user.id, code), expiresAt })
  const payload = { userId: user.id, email: user.email, firstName: user.firstName, code, expiresAt: expiresAt.toISOString() }
  await deps.outbox.add(tx, EVENTS[purpose](payload))
}

/**
 * Checks a code against the user's open one. Each try is counted (and committed) before the
 * comparison, so a code allows a fixed number of guesses however many arrive at once.
 * Returns the code's id to mark used in the caller's transaction.
 */
export async function checkCode(db: Db, userId: string, purpose: CodePurpose, code: string): Promise<string> {
  const open = await findOpenCode(db, userId, purpose)
  if (!open || codeState(open, new Date()) !== 'usable') throw invalidCode()
  if (!(await claimCodeAttempt(db, open.id)) || !sameDigest(hashCode(userId, code), open.codeHash)) {
    throw invalidCode()
  }
  return open.id
}

export function invalidCode(): BadRequest {
  return new BadRequest('The code is wrong, used or expired.', [{ path: 'code', message: 'is wrong, used or expired' }], 'invalid_code')
}

/** At most one code email per user and purpose every CODE_RESEND_SECONDS (asked for, not at sign-up); true when this one may go. */
export async function claimCodeEmailSlot(kv: Kv, userId: string, purpose: CodePurpose): Promise<boolean> {
  return kv.setIfAbsent(`identity:code-email:${purpose}:${userId}`, '1', CODE_RESEND_SECONDS * 1000)
}
