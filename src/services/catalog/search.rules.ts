/**
 * Pure pieces of product search: turning the customer's text into words and tsquery text, the
 * words of the correction lexicon, and choosing a correction for a misspelt word. No I/O.
 */

/** Full-text hits below this make the search try correcting misspelt words. */
export const FEW_HITS = 3
const MAX_WORDS = 8
const MAX_WORD_LENGTH = 40
const WORD = /[\p{L}\p{N}]+/gu

/** "Omega-3  oil" → "Omega 3 oil": a hyphen inside a word separates, as it does in the search document. */
export function normalizeSearchText(q: string): string {
  return q
    .replace(/(?<=[\p{L}\p{N}])-(?=[\p{L}\p{N}])/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The lower-case words of a text, at most eight, each cut to 40 characters. */
export function searchWords(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).slice(0, MAX_WORDS).map((w) => w.slice(0, MAX_WORD_LENGTH))
}

/** Quotes, `or` and a leading `-` are web-search syntax: then only websearch_to_tsquery reads the text. */
export function usesSearchOperators(text: string): boolean {
  return /"/.test(text) || /(^|\s)-\S/.test(text) || /(^|\s)or(\s|$)/i.test(text)
}

/** `to_tsquery` text matching every word, the last one as a prefix ("vitamin gumm" → "vitamin & gumm:*"). */
export function prefixQuery(words: string[]): string | null {
  if (words.length === 0) return null
  return [...words.slice(0, -1), `${words[words.length - 1]}:*`].join(' & ')
}

/** The distinct words of a product's name and brand that the lexicon keeps: three characters or more, not only digits. */
export function lexiconWords(name: string, brand: string | null): string[] {
  const words = [...(name.toLowerCase().match(WORD) ?? []), ...((brand ?? '').toLowerCase().match(WORD) ?? [])]
  return [...new Set(words.filter(isCorrectable))]
}

/** Words worth correcting: three characters or more with a letter in them. */
export function isCorrectable(word: string): boolean {
  return word.length >= 3 && word.length <= MAX_WORD_LENGTH && /\p{L}/u.test(word)
}

/** Edits a correction may make: one for short words, two from five characters on. */
export function editBudget(word: string): number {
  return word.length <= 4 ? 1 : 2
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      const row = d[i] as number[]
      const above = d[i - 1] as number[]
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1)
      row[j] = best
    }
  }
  return (d[a.length] as number[])[b.length] as number
}

export interface Candidate {
  word: string
  term: string
  /** pg_trgm similarity of term and word. */
  similarity: number
}

/**
 * For each correctable word not in the lexicon, the lexicon term closest to it: fewest edits
 * within the word's budget, then the highest trigram similarity, then alphabetical.
 */
export function chooseCorrections(words: string[], candidates: Candidate[]): Map<string, string> {
  const corrections = new Map<string, string>()
  for (const word of new Set(words)) {
    if (!isCorrectable(word)) continue
    const mine = candidates.filter((c) => c.word === word)
    if (mine.some((c) => c.term === word)) continue
    const ranked = mine
      .map((c) => ({ ...c, edits: editDistance(word, c.term) }))
      .filter((c) => c.edits <= editBudget(word))
      .sort((x, y) => x.edits - y.edits || y.similarity - x.similarity || x.term.localeCompare(y.term))
    const best = ranked[0]
    if (best) corrections.set(word, best.term)
  }
  return corrections
}

/** The text with each corrected word replaced, everything else (operators, spacing) kept. */
export function applyCorrections(text: string, corrections: Map<string, string>): string {
  return text.replace(WORD, (w) => corrections.get(w.toLowerCase()) ?? w)
}
