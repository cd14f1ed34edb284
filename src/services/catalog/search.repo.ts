import { asc, desc, type SQL, sql } from 'drizzle-orm'
import { type DbOrTx, queryRows } from '../../platform/db/db.ts'
import { type ProductStatus, products } from './catalog.tables.ts'
import { productColumns, type ProductRecord } from './products.repo.ts'
import type { Sort } from './search.dto.ts'

/** What a list request narrows the catalog to. Prices are minor units. */
export interface ListFilter {
  /** Customers and anonymous callers: active, not deleted. */
  publicOnly: boolean
  status?: ProductStatus | undefined
  includeDeleted: boolean
  /** The materialized path of the chosen category: its whole subtree matches. */
  categoryPath?: string | undefined
  brand?: string | undefined
  minPrice?: number | undefined
  maxPrice?: number | undefined
  inStock: boolean
}

/** How the text of `q` selects and ranks products. */
export type TextMatch =
  | { kind: 'none' }
  | { kind: 'fulltext'; queries: Array<{ web: string; prefix: string | null }> }
  | { kind: 'fuzzy'; text: string }

/** A fuzzy match needs this much word similarity between the query and the name and brand. */
export const FUZZY_THRESHOLD = 0.4

export interface FacetCounts {
  total: number
  categories: Array<{ id: string; name: string; count: number }>
  brands: Array<{ name: string; count: number }>
  price: { min: number; max: number } | null
}

const fuzzyText = sql`${products.name} || ' ' || coalesce(${products.brand}, '')`

function tsqueries(queries: Array<{ web: string; prefix: string | null }>): SQL[] {
  return queries.flatMap((q) => [
    sql`websearch_to_tsquery('english', ${q.web})`,
    ...(q.prefix ? [sql`to_tsquery('english', ${q.prefix})`] : []),
  ])
}

function matchCondition(match: TextMatch): SQL | undefined {
  switch (match.kind) {
    case 'none':
      return undefined
    case 'fulltext':
      return sql`(${sql.join(
        tsqueries(match.queries).map((q) => sql`${products.searchVector} @@ ${q}`),
        sql` OR `,
      )})`
    case 'fuzzy':
      return sql`word_similarity(${match.text}, ${fuzzyText}) > ${FUZZY_THRESHOLD}`
  }
}

function rankOf(match: TextMatch): SQL | undefined {
  switch (match.kind) {
    case 'none':
      return undefined
    case 'fulltext':
      return sql`ts_rank_cd(${products.searchVector}, ${sql.join(tsqueries(match.queries), sql` || `)})`
    case 'fuzzy':
      return sql`word_similarity(${match.text}, ${fuzzyText})`
  }
}

/** Conditions on a variant `v` (and its stock `s`): price range and stock. */
function variantCondition(f: ListFilter): SQL | undefined {
  const parts: SQL[] = []
  if (f.minPrice !== undefined) parts.push(sql`v.price_minor >= ${f.minPrice}`)
  if (f.maxPrice !== undefined) parts.push(sql`v.price_minor <= ${f.maxPrice}`)
  if (f.inStock) parts.push(sql`s.available > 0`)
  return parts.length > 0 ? sql.join(parts, sql` AND `) : undefined
}

function whereOf(f: ListFilter, match: TextMatch): SQL {
  const parts: SQL[] = []
  if (f.publicOnly) parts.push(sql`${products.status} = 'active' AND ${products.deletedAt} IS NULL`)
  else {
    if (!f.includeDeleted) parts.push(sql`${products.deletedAt} IS NULL`)
    if (f.status) parts.push(sql`${products.status} = ${f.status}`)
  }
  if (f.categoryPath !== undefined) {
    parts.push(sql`${products.categoryId} IN (SELECT c.id FROM catalog.categories c WHERE c.path LIKE ${`${f.categoryPath}%`})`)
  }
  if (f.brand !== undefined) parts.push(sql`lower(${products.brand}) = lower(${f.brand})`)
  const variant = variantCondition(f)
  if (variant) {
    parts.push(sql`EXISTS (SELECT 1 FROM catalog.variants v LEFT JOIN catalog.variant_stock s ON s.sku = v.sku
      WHERE v.product_id = ${products.id} AND v.removed_at IS NULL AND ${variant})`)
  }
  const text = matchCondition(match)
  if (text) parts.push(text)
  return parts.length > 0 ? sql.join(parts, sql` AND `) : sql`TRUE`
}

interface FacetRow {
  kind: 'total' | 'category' | 'brand' | 'price'
  key: string | null
  name: string | null
  n: number
  lo: string | null
  hi: string | null
}

const byCountThenName = (a: { name: string; count: number }, b: { name: string; count: number }) =>
  b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

/** The size of the filtered set and its facets, in one query over it. */
export async function countWithFacets(db: DbOrTx, f: ListFilter, match: TextMatch): Promise<FacetCounts> {
  const variant = variantCondition(f) ?? sql`TRUE`
  const rows = await queryRows<FacetRow>(
    db,
    sql`
      WITH f AS (
        SELECT ${products.id} AS id, ${products.categoryId} AS category_id, ${products.brand} AS brand
        FROM ${products} WHERE ${whereOf(f, match)})
      SELECT 'total' AS kind, NULL::text AS key, NULL::text AS name, count(*)::int AS n, NULL::text AS lo, NULL::text AS hi FROM f
      UNION ALL
      SELECT 'category', f.category_id::text, min(c.name), count(*)::int, NULL, NULL
        FROM f JOIN catalog.categories c ON c.id = f.category_id GROUP BY f.category_id
      UNION ALL
      SELECT 'brand', lower(f.brand), min(f.brand COLLATE "C"), count(*)::int, NULL, NULL
        FROM f WHERE coalesce(f.brand, '') <> '' GROUP BY lower(f.brand)
      UNION ALL
      SELECT 'price', NULL, NULL, count(m.lo)::int, min(m.lo)::text, max(m.hi)::text
        FROM f CROSS JOIN LATERAL (
          SELECT min(v.price_minor) AS lo, max(v.price_minor) AS hi
          FROM catalog.variants v LEFT JOIN catalog.variant_stock s ON s.sku = v.sku
          WHERE v.product_id = f.id AND v.removed_at IS NULL AND ${variant}) m`,
  )
  const result: FacetCounts = { total: 0, categories: [], brands: [], price: null }
  for (const r of rows) {
    const count = Number(r.n)
    if (r.kind === 'total') result.total = count
    else if (r.kind === 'category') result.categories.push({ id: r.key as string, name: r.name as string, count })
    else if (r.kind === 'brand') result.brands.push({ name: r.name as string, count })
    else if (r.kind === 'price' && count > 0) result.price = { min: Number(r.lo), max: Number(r.hi) }
  }
  result.categories.sort(byCountThenName)
  result.brands.sort(byCountThenName)
  return result
}

function orderOf(sort: Sort, match: TextMatch): SQL[] {
  const rank = rankOf(match)
  switch (sort) {
    case 'price_asc':
      return [asc(products.minPriceMinor), asc(products.id)]
    case 'price_desc':
      return [desc(products.minPriceMinor), desc(products.id)]
    case 'newest':
      return [desc(products.createdAt), desc(products.id)]
    case 'relevance':
      return rank ? [sql`${rank} DESC`, desc(products.createdAt), desc(products.id)] : [desc(products.createdAt), desc(products.id)]
  }
}

/** One page of the filtered set, in the requested order with a final tiebreak on id. */
export async function pageOfProducts(
  db: DbOrTx,
  f: ListFilter,
  match: TextMatch,
  sort: Sort,
  page: { limit: number; offset: number },
): Promise<ProductRecord[]> {
  return db
    .select(productColumns)
    .from(products)
    .where(whereOf(f, match))
    .orderBy(...orderOf(sort, match))
    .limit(page.limit)
    .offset(page.offset)
}
