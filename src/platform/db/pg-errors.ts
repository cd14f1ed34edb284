import type { Conflict } from '../errors.ts'

interface PgError {
  code?: string
  constraint?: string
}

/** The PostgreSQL error under Drizzle's wrapper (DrizzleQueryError keeps it as `cause`). */
function pgErrorOf(err: unknown): PgError | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    if (typeof (e as PgError).code === 'string' && /^[0-9A-Z]{5}$/.test((e as PgError).code as string)) return e as PgError
  }
  return undefined
}

/** The constraint a unique violation (23505) broke ('' when the driver does not say), or undefined for any other error. */
export function uniqueViolation(err: unknown): string | undefined {
  const pg = pgErrorOf(err)
  return pg?.code === '23505' ? (pg.constraint ?? '') : undefined
}

/**
 * Runs a write; a unique violation that a concurrent request caused after our checks passed
 * becomes the same 409 the checks give.
 */
export async function conflictOnDuplicate<T>(work: () => Promise<T>, conflictFor: (constraint: string) => Conflict): Promise<T> {
  try {
    return await work()
  } catch (err) {
    const constraint = uniqueViolation(err)
    if (constraint !== undefined) throw conflictFor(constraint)
    throw err
  }
}
