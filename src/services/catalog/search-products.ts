import type { DbOrTx } from '../../platform/db/db.ts'
import { pageOf } from '../../platform/pagination.ts'
import type { CatalogDeps } from './catalog.deps.ts'
import { findActiveCategoryBySlug, findCategory } from './categories.repo.ts'
import type { Viewer } from './get-product.ts'
import { toProductDtos } from './product-view.ts'
import { findTermCandidates } from './search-terms.repo.ts'
import type { SearchAnswer, SearchQuery } from './search.dto.ts'
import { countWithFacets, type FacetCounts, type ListFilter, pageOfProducts, type TextMatch } from './search.repo.ts'
import {
  applyCorrections,
  chooseCorrections,
  FEW_HITS,
  normalizeSearchText,
  prefixQuery,
  searchWords,
  usesSearchOperators,
} from './search.rules.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The product list: filters, full-text search with typo tolerance, facets over what the
 * filters leave, a sort with a stable tiebreak, one page. A handful of queries whatever the
 * page size: facets and total in one, the page in one, its variants in one (plus the
 * corrections' look-ups when a search finds little).
 */
export async function searchProducts(deps: CatalogDeps, query: SearchQuery, viewer: Viewer): Promise<SearchAnswer> {
  const page = pageOf(query)
  const filter = await filterOf(deps.db, query, viewer)
  if (!filter) return { items: [], total: 0, page: page.page, pageSize: page.pageSize, facets: { categories: [], brands: [], price: null } }
  const chosen = await chooseMatch(deps.db, filter, query.q)
  const rows = await pageOfProducts(deps.db, filter, chosen.match, query.sort, page)
  const money = (amount: number) => ({ amount, currency: deps.config.currency })
  const { counts } = chosen
  return {
    items: await toProductDtos(deps.db, rows),
    total: counts.total,
    page: page.page,
    pageSize: page.pageSize,
    facets: {
      categories: counts.categories,
      brands: counts.brands,
      price: counts.price ? { min: money(counts.price.min), max: money(counts.price.max) } : null,
    },
    ...(chosen.correctedQuery ? { correctedQuery: chosen.correctedQuery } : {}),
  }
}

/** The request as a filter; undefined when it names a category that does not exist (nothing matches). */
async function filterOf(db: DbOrTx, q: SearchQuery, viewer: Viewer): Promise<ListFilter | undefined> {
  let categoryPath: string | undefined
  if (q.category) {
    const category = (UUID.test(q.category) ? await findCategory(db, q.category) : undefined) ?? (await findActiveCategoryBySlug(db, q.category))
    if (!category || (category.deletedAt && !viewer.admin)) return undefined
    categoryPath = category.path
  }
  return {
    publicOnly: !viewer.admin,
    status: viewer.admin ? q.status : undefined,
    includeDeleted: viewer.admin && q.includeDeleted === 'true',
    categoryPath,
    brand: q.brand,
    minPrice: q.minPrice,
    maxPrice: q.maxPrice,
    inStock: q.inStock === 'true',
  }
}

interface ChosenMatch {
  match: TextMatch
  counts: FacetCounts
  correctedQuery?: string
}

/**
 * Full text first. When it finds fewer than FEW_HITS, misspelt words are corrected against the
 * lexicon and the corrected text is searched too (the original's hits are kept). When that
 * still finds nothing, products whose name and brand are trigram-similar to the text match.
 */
async function chooseMatch(db: DbOrTx, filter: ListFilter, q: string | undefined): Promise<ChosenMatch> {
  const text = normalizeSearchText(q ?? '')
  const words = searchWords(text)
  if (words.length === 0) {
    const match: TextMatch = { kind: 'none' }
    return { match, counts: await countWithFacets(db, filter, match) }
  }
  const textQuery = (t: string) => ({ web: t, prefix: usesSearchOperators(t) ? null : prefixQuery(searchWords(t)) })
  const exact: TextMatch = { kind: 'fulltext', queries: [textQuery(text)] }
  let best: ChosenMatch = { match: exact, counts: await countWithFacets(db, filter, exact) }
  if (best.counts.total >= FEW_HITS) return best

  const corrections = chooseCorrections(words, await findTermCandidates(db, words))
  if (corrections.size > 0) {
    const correctedText = applyCorrections(text, corrections)
    const corrected: TextMatch = { kind: 'fulltext', queries: [textQuery(text), textQuery(correctedText)] }
    const counts = await countWithFacets(db, filter, corrected)
    if (counts.total > best.counts.total) best = { match: corrected, counts, correctedQuery: correctedText }
  }
  if (best.counts.total > 0) return best

  const fuzzy: TextMatch = { kind: 'fuzzy', text }
  const counts = await countWithFacets(db, filter, fuzzy)
  return counts.total > 0 ? { match: fuzzy, counts } : best
}
