import type { IncomingHttpHeaders } from 'node:http'
import type { Readable } from 'node:stream'
import replyFrom, { type FastifyReplyFromHooks } from '@fastify/reply-from'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { AppError, problem } from '../../platform/errors.ts'
import { type App, sendProblem } from '../../platform/http.ts'
import type { ServiceName } from '../../platform/config.ts'
import { AUTH_LIMITED_PATHS, ROUTE_TABLE, type Upstream, type Upstreams } from './upstreams.ts'
import type { LimitPolicy } from './rate-limit.ts'
import { type CachedAnswer, MAX_ENTRY_BYTES, type ResponseCache, sharedMaxAge } from './response-cache.ts'
import { etagMatches } from '../../platform/etag.ts'

/** Response headers that describe the upstream hop, not the answer. */
const HOP_HEADERS = ['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade'] as const

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Forwards `/api/<area>` to the owning service: bodies stream through unparsed, pooled
 * keep-alive connections, x-request-id and x-forwarded-* set by the gateway. Anonymous GETs
 * are answered from the shared cache when a service marked the answer public.
 */
export async function registerProxy(app: App, upstreams: Upstreams, bodyLimitBytes: number, cache: ResponseCache): Promise<void> {
  // The gateway never reads a body: every content type (and none) passes through as the raw
  // stream. A declared length over the limit is refused here rather than streamed to a service
  // that would refuse it half-way.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', (req, payload, done) => {
    const length = req.headers['content-length']
    if (length !== undefined && Number(length) > bodyLimitBytes) {
      done(new AppError(413, 'payload_too_large', 'Content Too Large', 'The request body is too large.'), undefined)
      return
    }
    done(null, payload)
  })

  const byService = new Map<ServiceName, string[]>()
  for (const [prefix, service] of ROUTE_TABLE) byService.set(service, [...(byService.get(service) ?? []), prefix])

  for (const [service, prefixes] of byService) {
    const upstream = upstreams.get(service)
    if (!upstream) throw new Error(`No upstream for ${service}`)
    // One encapsulated scope per service: its own reply-from bound to that service's pool.
    await app.register(async (scope) => {
      await scope.register(replyFrom, {
        base: upstream.url,
        undici: upstream.pool as never,
        disableRequestLogging: true,
        cacheURLs: 1_000,
      })
      const options = forwardOptions(upstream)
      const storing: FastifyReplyFromHooks = { ...options, onResponse: (req, reply, res) => storeAndSend(cache, req.url, reply as FastifyReply, res as unknown as UpstreamResponse) }
      const handler = (req: FastifyRequest, reply: FastifyReply) => {
        if (!cache.enabled || req.method !== 'GET' || !isAnonymous(req)) return reply.from(undefined, options)
        const hit = req.headers['cache-control']?.includes('no-cache') ? undefined : cache.lookup(req.url)
        if (hit !== undefined) return sendCached(req, reply, hit)
        return reply.from(undefined, storing)
      }
      const route = { schema: { hide: true }, config: { upstream: service } }
      for (const prefix of prefixes) {
        scope.all(prefix, route, handler)
        scope.all(`${prefix}/*`, route, handler)
      }
      if (service === 'identity') {
        const gatewayLimit: LimitPolicy = 'auth'
        const limited = { ...route, config: { upstream: service, gatewayLimit } }
        for (const path of AUTH_LIMITED_PATHS) scope.post(path, limited, handler)
      }
    })
  }
}

/** The options handed to every `reply.from` towards one service: built once, reused per request. */
function forwardOptions(upstream: Upstream): FastifyReplyFromHooks {
  return {
    rewriteRequestHeaders(req, headers) {
      headers['x-request-id'] = req.id
      headers['x-forwarded-for'] = req.ip
      headers['x-forwarded-proto'] = req.protocol
      headers['x-forwarded-host'] = req.host
      return headers
    },
    rewriteHeaders(headers) {
      for (const name of HOP_HEADERS) if (headers[name] !== undefined) delete headers[name]
      return headers
    },
    // One quick retry of an idempotent request whose kept-alive socket was closed under it;
    // never a retry on an answer (an upstream 503 is passed on as it is).
    retryDelay({ err, req, attempt }) {
      const method = (req as unknown as { method?: string }).method ?? ''
      const code = (err as { code?: string } | undefined)?.code
      if (attempt === 0 && IDEMPOTENT.has(method) && (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET')) return 1
      return null
    },
    onError(reply, { error }) {
      sendUpstreamProblem(reply as FastifyReply, upstream.name, error)
    },
  }
}

/** What reply-from hands `onResponse` for an HTTP/1 upstream. */
interface UpstreamResponse {
  statusCode: number
  headers: IncomingHttpHeaders
  stream: Readable
}

/** A request that carries no credentials: its answer is the same for everyone who sends it. */
function isAnonymous(req: FastifyRequest): boolean {
  return req.headers.authorization === undefined && req.headers.cookie === undefined
}

function sendCached(req: FastifyRequest, reply: FastifyReply, hit: CachedAnswer): FastifyReply {
  reply.headers(hit.headers)
  reply.header('age', String(Math.max(0, Math.floor((Date.now() - hit.storedAt) / 1000))))
  reply.header('x-cache', 'HIT')
  if (etagMatches(req.headers['if-none-match'], hit.etag)) return reply.code(304).send()
  return reply.code(200).send(hit.body)
}

/** reply-from has copied the status and headers; a storable answer is read whole, kept and sent, any other streams through. */
function storeAndSend(cache: ResponseCache, key: string, reply: FastifyReply, res: UpstreamResponse): void {
  const headers = res.headers
  const length = Number(headers['content-length'])
  if (res.statusCode !== 200 || !(length <= MAX_ENTRY_BYTES) || sharedMaxAge(headers) === undefined) {
    reply.send(res.stream)
    return
  }
  const chunks: Buffer[] = []
  res.stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  res.stream.once('error', (err) => reply.send(err))
  res.stream.once('end', () => {
    const body = Buffer.concat(chunks)
    cache.store(key, res.statusCode, headers, body)
    reply.header('x-cache', 'MISS')
    reply.send(body)
  })
}

/** reply-from has already logged the cause; the client learns which area failed, nothing more. */
function sendUpstreamProblem(reply: FastifyReply, service: ServiceName, error: unknown): void {
  if (reply.sent) return
  if ((error as { statusCode?: number } | undefined)?.statusCode === 504) {
    sendProblem(
      reply,
      problem(504, 'gateway_timeout', 'Gateway Timeout', `The ${service} service did not answer in time.`, undefined, { service }),
    )
    return
  }
  sendProblem(
    reply,
    problem(503, 'service_unavailable', 'Service Unavailable', `The ${service} service is unavailable. Try again shortly.`, undefined, {
      service,
    }),
  )
}
