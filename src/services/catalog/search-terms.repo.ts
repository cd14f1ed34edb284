import { sql } from 'drizzle-orm'
import { type DbOrTx, queryRows } from '../../platform/db/db.ts'
import { searchTerms } from './catalog.tables.ts'
import type { Candidate } from './search.rules.ts'

function textArray(words: string[]) {
  return sql`ARRAY[${sql.join(
    words.map((w) => sql`${w}`),
    sql`, `,
  )}]::text[]`
}

/** Adds words of a product's name and brand to the correction lexicon. */
export async function addSearchTerms(tx: DbOrTx, words: string[]): Promise<void> {
  if (words.length === 0) return
  await tx
    .insert(searchTerms)
    .values(words.map((term) => ({ term })))
    .onConflictDoNothing()
}

/**
 * Drops words no live product's name or brand contains any more. Run after the product row
 * changed, with the words it may have taken away.
 */
export async function pruneSearchTerms(tx: DbOrTx, words: string[]): Promise<void> {
  if (words.length === 0) return
  await tx.execute(sql`
    DELETE FROM catalog.search_terms t
    WHERE t.term = ANY(${textArray(words)})
      AND NOT EXISTS (
        SELECT 1 FROM catalog.products p
        WHERE p.deleted_at IS NULL AND strpos(lower(p.name || ' ' || coalesce(p.brand, '')), t.term) > 0)`)
}

/**
 * Lexicon terms that could be what each word meant: trigram-similar ones (similarity > 0.3,
 * through the GIN index), and those of about the same length starting with the same letter,
 * which catch swapped letters in short words ("omgea") that share too few trigrams.
 */
export async function findTermCandidates(db: DbOrTx, words: string[]): Promise<Candidate[]> {
  if (words.length === 0) return []
  const rows = await queryRows<{ word: string; term: string; similarity: number | string }>(
    db,
    sql`
      WITH w(word) AS (SELECT DISTINCT unnest(${textArray(words)}))
      SELECT w.word, t.term, similarity(t.term, w.word) AS similarity
      FROM w JOIN catalog.search_terms t ON t.term % w.word
      UNION
      SELECT w.word, t.term, similarity(t.term, w.word) AS similarity
      FROM w JOIN catalog.search_terms t
        ON left(t.term, 1) = left(w.word, 1) AND length(t.term) BETWEEN length(w.word) - 2 AND length(w.word) + 2`,
  )
  return rows.map((r) => ({ word: r.word, term: r.term, similarity: Number(r.similarity) }))
}
