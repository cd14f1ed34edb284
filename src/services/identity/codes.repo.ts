import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import { v7 as uuidv7 } from 'uuid'
import type { DbOrTx } from '../../platform/db/db.ts'
import { CODE_MAX_ATTEMPTS } from './identity.rules.ts'
import { type CodePurpose, type EmailCodeRow, emailCodes } from './identity.tables.ts'

export async function insertCode(
  tx: DbOrTx,
  code: { userId: string; purpose: CodePurpose; codeHash: string; expiresAt: Date },
): Promise<void> {
  await tx.insert(emailCodes).values({ id: uuidv7(), ...code })
}

/** Retires the user's open codes of one purpose: only the newest code works. */
export async function retireCodes(tx: DbOrTx, userId: string, purpose: CodePurpose): Promise<void> {
  await tx
    .update(emailCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(emailCodes.userId, userId), eq(emailCodes.purpose, purpose), isNull(emailCodes.usedAt)))
}

export async function findOpenCode(db: DbOrTx, userId: string, purpose: CodePurpose): Promise<EmailCodeRow | undefined> {
  const [row] = await db
    .select()
    .from(emailCodes)
    .where(and(eq(emailCodes.userId, userId), eq(emailCodes.purpose, purpose), isNull(emailCodes.usedAt)))
    .orderBy(desc(emailCodes.createdAt), desc(emailCodes.id))
    .limit(1)
  return row
}

/** Counts one try against the code, atomically; false once it is used, expired or out of tries. */
export async function claimCodeAttempt(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db
    .update(emailCodes)
    .set({ attempts: sql`${emailCodes.attempts} + 1` })
    .where(
      and(
        eq(emailCodes.id, id),
        isNull(emailCodes.usedAt),
        gt(emailCodes.expiresAt, sql`now()`),
        lt(emailCodes.attempts, CODE_MAX_ATTEMPTS),
      ),
    )
    .returning({ id: emailCodes.id })
  return rows.length === 1
}

/** Marks the code used; false when another request used it first. */
export async function markCodeUsed(tx: DbOrTx, id: string): Promise<boolean> {
  const rows = await tx
    .update(emailCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(emailCodes.id, id), isNull(emailCodes.usedAt)))
    .returning({ id: emailCodes.id })
  return rows.length === 1
}
