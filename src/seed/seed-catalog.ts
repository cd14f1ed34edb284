import { DEMO_CATEGORIES, DEMO_PRODUCTS, type DemoProduct } from './demo-catalog.ts'

/** Where the public API answers: the gateway, or (embedded start) identity and catalog directly. */
export interface SeedTarget {
  identityUrl: string
  catalogUrl: string
  admin: { email: string; password: string }
  currency: string
  /** Products created at once (default 8). */
  concurrency?: number
}

export interface SeedResult {
  skipped: boolean
  categories: number
  products: number
  ms: number
}

interface CategoryNode {
  id: string
  slug: string
  children: CategoryNode[]
}

/** Retries 429 and 503 (the gateway's limits, a service still starting) for up to this long. */
const RETRY_FOR_MS = 120_000

/**
 * Loads the demo health and wellness shop through the public admin API, the way a shop's own
 * import would: categories first, then products with their opening stock (inventory books it
 * from product.created). The first demo product is created first and the last one last, so a
 * run that was cut short resumes where it stopped, a finished one is seen with one request,
 * and a catalog of the shop's own (products, none of them the demo's) is left alone.
 */
export async function seedDemoCatalog(target: SeedTarget, signal?: AbortSignal): Promise<SeedResult> {
  const t0 = performance.now()
  const skipped = { skipped: true, categories: 0, products: 0, ms: 0 }
  const [first, ...rest] = DEMO_PRODUCTS.filter((p) => p.status === 'active')
  const last = rest.pop()
  if (!first || !last) throw new Error('The demo catalog needs at least two active products')
  const anonymous = jsonClient(target.catalogUrl, undefined, signal)
  const exists = async (slug: string) => (await anonymous('GET', `/api/products/by-slug/${slug}`)).status === 200
  if (await exists(last.slug)) return { ...skipped, ms: elapsed(t0) }
  if ((await productCount(anonymous)) > 0 && !(await exists(first.slug))) return { ...skipped, ms: elapsed(t0) }

  const api = jsonClient(target.catalogUrl, await login(target, signal), signal)
  const ids = new Map<string, string>()
  const tree = await api('GET', '/api/categories')
  collectIds((tree.body as CategoryNode[]) ?? [], ids)
  let categories = 0
  for (const category of DEMO_CATEGORIES) {
    if (ids.has(category.key)) continue
    const parentId = category.parentKey === undefined ? undefined : ids.get(category.parentKey)
    const res = await api('POST', '/api/categories', { name: category.name, slug: category.key, ...(parentId ? { parentId } : {}) })
    if (res.status !== 201) throw new Error(`Creating category ${category.key} answered ${res.status}: ${res.text}`)
    ids.set(category.key, (res.body as { id: string }).id)
    categories += 1
  }

  let products = 0
  const create = async (p: DemoProduct) => {
    const res = await api('POST', '/api/products', productBody(p, ids, target.currency))
    if (res.status === 201) products += 1
    else if (res.status !== 409) throw new Error(`Creating product ${p.slug} answered ${res.status}: ${res.text}`)
  }
  await create(first)
  const queue = DEMO_PRODUCTS.filter((p) => p !== first && p !== last)
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await create(next)
  }
  await Promise.all(Array.from({ length: target.concurrency ?? 8 }, worker))
  await create(last)
  return { skipped: false, categories, products, ms: elapsed(t0) }
}

function productBody(p: DemoProduct, categoryIds: Map<string, string>, currency: string) {
  const categoryId = categoryIds.get(p.categoryKey)
  if (!categoryId) throw new Error(`Demo product ${p.slug} names unknown category ${p.categoryKey}`)
  return {
    name: p.name,
    slug: p.slug,
    brand: p.brand,
    description: p.description,
    categoryId,
    status: p.status,
    images: p.images,
    options: p.options,
    variants: p.variants.map((v) => ({
      sku: v.sku,
      title: v.title,
      options: v.options,
      price: { amount: v.priceMinor, currency },
      ...(v.compareAtMinor !== undefined ? { compareAtPrice: { amount: v.compareAtMinor, currency } } : {}),
      weightGrams: v.weightGrams,
      initialStock: v.initialStock,
    })),
  }
}

async function productCount(api: ReturnType<typeof jsonClient>): Promise<number> {
  const res = await api('GET', '/api/products?pageSize=1')
  if (res.status !== 200) throw new Error(`Listing products answered ${res.status}: ${res.text}`)
  return (res.body as { total: number }).total
}

function collectIds(nodes: CategoryNode[], into: Map<string, string>): void {
  for (const node of nodes) {
    into.set(node.slug, node.id)
    collectIds(node.children ?? [], into)
  }
}

async function login(target: SeedTarget, signal: AbortSignal | undefined): Promise<string> {
  const res = await jsonClient(target.identityUrl, undefined, signal)('POST', '/api/auth/login', target.admin)
  if (res.status !== 200) throw new Error(`Logging in as ${target.admin.email} answered ${res.status}: ${res.text}`)
  return (res.body as { accessToken: string }).accessToken
}

interface Answer {
  status: number
  body: unknown
  text: string
}

function jsonClient(baseUrl: string, token: string | undefined, signal: AbortSignal | undefined) {
  return async function call(method: string, path: string, body?: unknown): Promise<Answer> {
    const deadline = Date.now() + RETRY_FOR_MS
    for (;;) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ?? null,
      })
      const text = await res.text()
      if ((res.status === 429 || res.status === 503) && Date.now() < deadline) {
        const wait = Number(res.headers.get('retry-after')) || 1
        await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 10) * 1000))
        signal?.throwIfAborted()
        continue
      }
      return { status: res.status, body: text ? JSON.parse(text) : undefined, text }
    }
  }
}

function elapsed(t0: number): number {
  return Math.round(performance.now() - t0)
}
