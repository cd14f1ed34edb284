import { Pool } from 'undici'
import { SERVICE_NAMES, type ServiceName } from '../../platform/config.ts'

/**
 * Which service owns which public path prefix. Services serve the same paths (no rewriting).
 * The proxy registers `<prefix>` and `<prefix>/*` for each row, so the router's radix tree is
 * the precomputed table: matching is by whole segments and the longest prefix wins.
 */
export const ROUTE_TABLE: ReadonlyArray<readonly [prefix: string, service: ServiceName]> = [
  ['/api/auth', 'identity'],
  ['/api/users', 'identity'],
  ['/.well-known', 'identity'],
  ['/api/categories', 'catalog'],
  ['/api/products', 'catalog'],
  ['/api/admin/catalog', 'catalog'],
  ['/api/inventory', 'inventory'],
  ['/api/cart', 'cart'],
  ['/api/wishlist', 'cart'],
  ['/api/orders', 'order'],
  ['/api/admin/orders', 'order'],
  ['/api/admin/returns', 'order'],
  ['/api/admin/dashboard', 'order'],
  ['/api/payments', 'payment'],
  ['/api/shipping', 'shipping'],
  ['/api/shipments', 'shipping'],
  ['/api/notifications', 'notification'],
  ['/api/admin/notifications', 'notification'],
]

/** Public auth endpoints limited per IP at RATE_LIMIT_AUTH_PER_MINUTE (all POST, all identity's). */
export const AUTH_LIMITED_PATHS = ['/api/auth/login', '/api/auth/register', '/api/auth/forgot-password'] as const

export interface Upstream {
  name: ServiceName
  url: string
  /** Keep-alive connection pool to this service, shared by the proxy and the gateway's own calls. */
  pool: Pool
}

export type Upstreams = ReadonlyMap<ServiceName, Upstream>

/**
 * One undici pool per service. Pipelining stays at 1: a slow answer must not hold up the
 * requests queued behind it on the same socket; throughput comes from many kept-alive sockets.
 */
export function createUpstreams(urls: Record<ServiceName, string>): Upstreams {
  const map = new Map<ServiceName, Upstream>()
  for (const name of SERVICE_NAMES) {
    const url = urls[name].replace(/\/$/, '')
    const pool = new Pool(url, {
      connections: 128,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
      connect: { timeout: 2_000 },
    })
    map.set(name, { name, url, pool })
  }
  return map
}

export async function closeUpstreams(upstreams: Upstreams): Promise<void> {
  await Promise.allSettled([...upstreams.values()].map((u) => u.pool.destroy()))
}

export interface UpstreamAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: unknown
}

/**
 * The gateway's own call to a service (health, docs, dead letters): JSON in, JSON out,
 * bounded in time. Throws when the service cannot be reached or does not answer in time.
 */
export async function callUpstream(
  upstream: Upstream,
  request: { method?: 'GET' | 'POST'; path: string; headers?: Record<string, string>; timeoutMs: number },
): Promise<UpstreamAnswer> {
  const signal = AbortSignal.timeout(request.timeoutMs)
  const res = await upstream.pool.request({
    method: request.method ?? 'GET',
    path: request.path,
    headers: { accept: 'application/json', ...request.headers },
    headersTimeout: request.timeoutMs,
    bodyTimeout: request.timeoutMs,
    signal,
  })
  const type = String(res.headers['content-type'] ?? '')
  let body: unknown
  if (type.includes('json')) {
    const text = await res.body.text()
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      body = undefined
    }
  } else {
    await res.body.dump()
  }
  return { status: res.statusCode, headers: res.headers, body }
}

/** What to say about a call that failed, without internals. */
export function describeFailure(err: unknown): string {
  const code = (err as { code?: string; name?: string } | undefined)?.code
  const name = (err as { name?: string } | undefined)?.name
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return 'no answer in time'
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'connect timeout'
  return 'unreachable'
}
