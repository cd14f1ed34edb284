/**
 * `npm run bench [-- --mode embedded|distributed|both] [--duration 10] [--connections 50] [--caches on|off|both]
 *   [--scenarios catalog|checkout|all] [--buyers 10]`
 *
 * Starts Emporium as real processes (embedded: one process; distributed: one per service on
 * PostgreSQL, RabbitMQ and Redis) with the demo catalog loaded, and drives the scenarios with
 * autocannon over loopback. `--caches off` sets GATEWAY_CACHE_ENTRIES=0 and
 * CATALOG_CACHE_SECONDS=0, so every request is computed by the catalog from the database.
 * The checkout scenario (bench/checkout.ts) runs once per mode, with the caches on.
 * Prints a table and writes bench/results/<date>.json.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { freePort, waitForReady } from '../test/support/http.ts'
import { isolatedServers } from '../test/support/isolated.ts'
import { type Started, startEmporium } from '../test/support/process.ts'
import { seedDemoCatalog } from '../src/seed/seed-catalog.ts'
import { PROCESS_NAMES } from '../src/launch.ts'
import { benchCheckout, type CheckoutResult } from './checkout.ts'
import { type CostSnapshot, snapshotCost } from './cost.ts'
import { DEMO_ADMIN } from '../src/services/identity/seed-users.ts'

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'both' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    caches: { type: 'string', default: 'both' },
    scenarios: { type: 'string', default: 'all' },
    buyers: { type: 'string', default: '10' },
    'cpu-prof': { type: 'string' },
  },
})
const duration = Number(args.duration)
/** `--cpu-prof DIR`: every process writes a V8 CPU profile there when it stops (open it in Chrome's DevTools). */
const nodeFlags = args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args['cpu-prof'])}`] : []
const connections = Number(args.connections)

interface Result {
  mode: string
  caches: string
  scenario: string
  target: string
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  errors: number
  non2xx: number
}

interface System {
  gateway: string
  direct: Record<string, string>
  processes: Started[]
  startMs: number
  rssMb: () => number
  /** CPU of its processes and engines, database commits and messages sent so far. */
  snapshot(): Promise<CostSnapshot>
  cleanup(): Promise<void>
}

const QUIET = { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000', RATE_LIMIT_AUTH_PER_MINUTE: '100000000' }

function rssOf(pid: number | undefined): number {
  if (!pid) return 0
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)
  } catch {
    return 0
  }
}

async function startEmbeddedSystem(extra: Record<string, string>): Promise<System> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'emporium-bench-'))
  const port = await freePort()
  const t0 = performance.now()
  const p = startEmporium([], { ...QUIET, ...extra, LOG_LEVEL: 'info', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' }, nodeFlags)
  await waitForReady(`http://127.0.0.1:${port}/health/ready`, 120_000)
  const startMs = Math.round(performance.now() - t0)
  // The first start loads the demo catalog behind the ready shop.
  const deadline = Date.now() + 120_000
  while (!p.output().includes('Loaded the demo catalog')) {
    if (Date.now() > deadline) throw new Error(`The demo catalog was not loaded:\n${p.output()}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  const direct: Record<string, string> = {}
  for (const line of p.output().split('\n')) {
    const m = /"service":"(\w+)".*"url":"(http:\/\/[^"]+)".*listening/.exec(line)
    if (m) direct[m[1]!] = m[2]!
  }
  return {
    gateway: `http://127.0.0.1:${port}`,
    direct,
    processes: [p],
    startMs,
    rssMb: () => rssOf(p.child.pid),
    snapshot: () => snapshotCost([{ name: 'emporium', pid: p.child.pid }], { kind: 'metrics', urls: Object.values(direct) }),
    async cleanup() {
      await p.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function startDistributedSystem(extra: Record<string, string>): Promise<System> {
  const servers = await isolatedServers('bench')
  const names = PROCESS_NAMES
  const ports = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await freePort()] as const)))
  const env = servers.env({
    ...QUIET,
    ...extra,
    PORT: String(ports.gateway),
    ...Object.fromEntries(names.filter((n) => n !== 'gateway').map((n) => [`${n.toUpperCase()}_PORT`, String(ports[n])])),
    ADMIN_EMAIL: DEMO_ADMIN.email,
    ADMIN_PASSWORD: DEMO_ADMIN.password,
  })
  const t0 = performance.now()
  const processes = names.map((n) => startEmporium([n], env, nodeFlags))
  await waitForReady(`http://127.0.0.1:${ports.gateway}/health/ready`, 60_000)
  const startMs = Math.round(performance.now() - t0)
  const gateway = `http://127.0.0.1:${ports.gateway}`
  await seedDemoCatalog({ identityUrl: gateway, catalogUrl: gateway, admin: DEMO_ADMIN, currency: 'USD' })
  return {
    gateway,
    direct: { identity: `http://127.0.0.1:${ports.identity}`, catalog: `http://127.0.0.1:${ports.catalog}` },
    processes,
    startMs,
    rssMb: () => processes.reduce((sum, p) => sum + rssOf(p.child.pid), 0),
    snapshot: () =>
      snapshotCost(
        processes.map((p, i) => ({ name: names[i]!, pid: p.child.pid })),
        { kind: 'postgres', serverUrl: env.DATABASE_URL!, databasePrefix: env.DATABASE_PREFIX! },
      ),
    async cleanup() {
      await Promise.all(processes.map((p) => p.stop()))
      await servers.cleanup()
    },
  }
}

async function login(base: string): Promise<string> {
  const email = `bench-${Date.now()}@example.com`
  await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'Bench1234', firstName: 'Bench', lastName: 'Mark' }),
  })
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'Bench1234' }),
  })
  const body = (await res.json()) as { accessToken: string }
  return body.accessToken
}

/** Drives `paths` in turn (autocannon cycles through them), after a short warm-up. */
async function hit(base: string, paths: string[], headers: Record<string, string> = {}): Promise<Omit<Result, 'mode' | 'caches' | 'scenario' | 'target'>> {
  // One path goes as the URL itself: autocannon's request list costs the client time per request.
  const target = paths.length === 1 ? { url: `${base}${paths[0]}` } : { url: base, requests: paths.map((p) => ({ method: 'GET' as const, path: p })) }
  await autocannon({ ...target, connections, duration: 2, headers })
  const r = await autocannon({ ...target, connections, duration, headers })
  return {
    requestsPerSecond: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  }
}

interface Scenario {
  name: string
  paths: string[]
  headers?: Record<string, string>
  /** Also measured straight at this service, without the gateway. */
  direct?: string
}

/** What a storefront asks for most, on the demo catalog: list pages, searches, product pages. */
async function catalogScenarios(base: string): Promise<Scenario[]> {
  const list = (await (await fetch(`${base}/api/products?pageSize=50&sort=newest`)).json()) as { items: Array<{ id: string }> }
  const tree = (await (await fetch(`${base}/api/categories`)).json()) as Array<{ slug: string }>
  if (list.items.length === 0) throw new Error('The demo catalog is empty: nothing to measure')
  const first = list.items[0]!.id
  // The storefront's first load: a page's HTML (any app path answers index.html) and what it links.
  const html = await (await fetch(`${base}/products`)).text()
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!)
  return [
    { name: 'storefront page (HTML)', paths: ['/', '/products'], headers: { 'accept-encoding': 'gzip' } },
    // Cached a year by browsers, so fetched once per visitor; bound by bytes (the script is ~130 KB gzipped).
    { name: 'storefront script and stylesheet', paths: assets, headers: { 'accept-encoding': 'gzip' } },
    // One URL each, as a page many shoppers open at once: what the targets are stated for.
    { name: 'product list page', paths: ['/api/products?page=1&pageSize=24'], direct: 'catalog' },
    { name: 'full-text search', paths: ['/api/products?q=vitamin'], direct: 'catalog' },
    { name: 'product by id', paths: [`/api/products/${first}`], direct: 'catalog' },
    // Many URLs in turn: pages, categories, searches and products spread over the catalog.
    { name: 'list pages 1-5', paths: [1, 2, 3, 4, 5].map((p) => `/api/products?page=${p}&pageSize=24`) },
    {
      name: 'category pages, in stock, by price',
      paths: tree.map((c) => `/api/products?category=${c.slug}&inStock=true&sort=price_asc&pageSize=24`),
    },
    { name: '5 searches', paths: ['vitamin', 'omega 3', 'protein powder', 'magnesium', 'sleep'].map((q) => `/api/products?q=${encodeURIComponent(q)}`) },
    { name: '3 searches with a typo', paths: ['vitamn', 'magnesuim', 'protien'].map((q) => `/api/products?q=${q}`) },
    { name: '50 products by id', paths: list.items.map((p) => `/api/products/${p.id}`) },
  ]
}

async function benchMode(
  mode: 'embedded' | 'distributed',
  caches: 'on' | 'off',
  which: { catalog: boolean; checkout: boolean },
): Promise<{ results: Result[]; checkout?: CheckoutResult; startMs: number; rssMb: number }> {
  const extra: Record<string, string> = caches === 'off' ? { GATEWAY_CACHE_ENTRIES: '0', CATALOG_CACHE_SECONDS: '0' } : {}
  const system = mode === 'embedded' ? await startEmbeddedSystem(extra) : await startDistributedSystem(extra)
  try {
    const results: Result[] = []
    if (which.catalog) {
      const token = await login(system.gateway)
      const scenarios: Scenario[] = [
        ...(await catalogScenarios(system.gateway)),
        { name: 'GET /api/auth/me', paths: ['/api/auth/me'], headers: { authorization: `Bearer ${token}` }, direct: 'identity' },
      ]
      for (const s of scenarios) {
        results.push({ mode, caches, scenario: s.name, target: 'gateway', ...(await hit(system.gateway, s.paths, s.headers)) })
        const direct = s.direct === undefined ? undefined : system.direct[s.direct]
        if (direct) results.push({ mode, caches, scenario: s.name, target: `${s.direct} (direct)`, ...(await hit(direct, s.paths, s.headers)) })
      }
    }
    const checkout = which.checkout ? await benchCheckout(system.gateway, DEMO_ADMIN, { buyers: Number(args.buyers), seconds: duration, snapshot: () => system.snapshot() }) : undefined
    return { results, checkout, startMs: system.startMs, rssMb: system.rssMb() }
  } finally {
    await system.cleanup()
  }
}

const modes = args.mode === 'both' ? (['embedded', 'distributed'] as const) : [args.mode as 'embedded' | 'distributed']
const cacheSettings = args.caches === 'both' ? (['on', 'off'] as const) : [args.caches as 'on' | 'off']
const report: Record<string, unknown> = { at: new Date().toISOString(), duration, connections, runs: {} }
const wantCatalog = args.scenarios === 'all' || args.scenarios === 'catalog'
const wantCheckout = args.scenarios === 'all' || args.scenarios === 'checkout'
for (const mode of modes) {
  for (const caches of cacheSettings) {
    // Checkout does not read cached answers: it runs once per mode, with the caches as shipped.
    const which = { catalog: wantCatalog, checkout: wantCheckout && caches === 'on' }
    if (!which.catalog && !which.checkout) continue
    const { results, checkout, startMs, rssMb } = await benchMode(mode, caches, which)
    const key = which.catalog ? `${mode}, caches ${caches}` : `${mode}, checkout, ${args.buyers} buyers`
    ;(report.runs as Record<string, unknown>)[key] = { startMs, rssMbAfterLoad: rssMb, results, ...(checkout ? { checkout } : {}) }
    console.log(`\n${mode}, caches ${caches}: ready in ${startMs} ms, resident memory after load ${rssMb} MB`)
    if (results.length > 0) console.table(results.map(({ mode: _m, caches: _c, ...r }) => r))
    if (checkout) console.dir({ checkout }, { depth: 4 })
  }
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true })
const file = new URL(`./results/${new Date().toISOString().slice(0, 10)}.json`, import.meta.url)
// Runs of the same day add up: each (mode, caches) pair keeps its newest result.
const earlier = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { runs?: Record<string, unknown> }) : {}
report.runs = { ...earlier.runs, ...(report.runs as Record<string, unknown>) }
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
console.log(`\nwritten to ${path.relative(process.cwd(), file.pathname)}`)
