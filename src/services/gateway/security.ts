import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import Fastify from 'fastify'
import type { App } from '../../platform/http.ts'

/**
 * The one Content-Security-Policy of everything the gateway serves: JSON answers, the Swagger
 * UI at /docs (its scripts, styles and fonts are files under /docs/static, its spec is fetched
 * from /docs/json) and, later, the storefront. Adjust it here and nowhere else.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
}

export const CSP_HEADER = Object.entries(CSP_DIRECTIVES)
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join(';')

/** Answer headers a browser may read from a cross-origin call. */
const EXPOSED_HEADERS = [
  'X-Request-Id',
  'X-Cart-Id',
  'Location',
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
]
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Cart-Id', 'X-Request-Id']
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/** Headers a bare Fastify answer carries anyway: not security headers. */
const PLAIN_HEADERS = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive'])

/**
 * The security headers @fastify/helmet sets, computed once. They do not vary by request
 * (no CSP nonces), and helmet rebuilds its middleware on every request, so a throwaway app
 * with @fastify/helmet answers one probe and the gateway replays its headers. Should the
 * storefront ever need per-request nonces, register @fastify/helmet on the app instead.
 */
export async function helmetHeaders(crossOrigin: boolean): Promise<Array<[string, string]>> {
  const directives = Object.fromEntries(Object.entries(CSP_DIRECTIVES).map(([k, v]) => [k, [...v]]))
  const probe = Fastify({ logger: false })
  await probe.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives },
    crossOriginResourcePolicy: { policy: crossOrigin ? 'cross-origin' : 'same-origin' },
    // Headers for browsers long gone (IE8 downloads, Flash policies, the XSS auditor): bytes on every answer for nothing.
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  })
  probe.get('/', async () => '')
  const res = await probe.inject('/')
  await probe.close()
  return Object.entries(res.headers)
    .filter(([name]) => !PLAIN_HEADERS.has(name))
    .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)])
}

/**
 * Security headers (helmet's, with the CSP above) on every answer, and CORS for `origins`
 * (empty: no cross-origin access; `*`: any origin, without credentials — the API uses
 * bearer tokens, not cookies).
 */
export async function registerSecurity(app: App, origins: readonly string[]): Promise<void> {
  const headers = await helmetHeaders(origins.length > 0)
  const csp = headers.find(([name]) => name === 'content-security-policy')?.[1] ?? CSP_HEADER
  app.addHook('onRequest', (_req, reply, done) => {
    for (let i = 0; i < headers.length; i++) {
      const header = headers[i] as [string, string]
      reply.header(header[0], header[1])
    }
    done()
  })
  // The platform's Swagger UI sets its own CSP on /docs when it answers; put ours back so
  // the policy above is the only one in force.
  app.addHook('onSend', (req, reply, payload, done) => {
    if (req.url.startsWith('/docs')) reply.header('content-security-policy', csp)
    done(null, payload)
  })

  if (origins.length === 0) return
  await app.register(cors, {
    origin: origins.includes('*') ? '*' : [...origins],
    methods: METHODS,
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  })
}
