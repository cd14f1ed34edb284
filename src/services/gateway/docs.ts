import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App } from '../../platform/http.ts'
import type { Logger } from '../../platform/log.ts'
import { mergeOpenApi, type OpenApiDoc, type ServiceDoc } from './openapi-merge.ts'
import { callUpstream, describeFailure, type Upstreams } from './upstreams.ts'

export interface MergedDocsOptions {
  /** How long a merged document is served before the services are asked again. */
  ttlMs?: number
  /** The same, when a service was left out: retried sooner. */
  partialTtlMs?: number
  fetchTimeoutMs?: number
}

const INFO = {
  title: 'Emporium API',
  description: 'The public API of Emporium, as served by the gateway: every service’s operations in one document.',
}

/**
 * Serves the merged OpenAPI document at /docs/json, where the platform's Swagger UI (/docs)
 * reads it. The platform registers /docs/json itself (the gateway's own document); this
 * answers it first, from an onRequest hook, with the gateway's operations plus every
 * reachable service's, cached for a short time.
 */
export function registerMergedDocs(app: App, upstreams: Upstreams, log: Logger, options: MergedDocsOptions = {}): void {
  const load = createMergedDocLoader(() => app.swagger() as OpenApiDoc, upstreams, log, options)
  app.addHook('onRequest', async function mergedDocs(req: FastifyRequest, reply: FastifyReply) {
    if (!req.url.startsWith('/docs/json')) return
    const rest = req.url.slice('/docs/json'.length)
    if (rest !== '' && rest !== '/' && !rest.startsWith('?') && !rest.startsWith('/?')) return
    const doc = await load()
    return reply.type('application/json; charset=utf-8').send(doc)
  })
}

/** Fetches and merges the documents, at most once per ttl, one fetch at a time. */
export function createMergedDocLoader(
  own: () => OpenApiDoc,
  upstreams: Upstreams,
  log: Logger,
  options: MergedDocsOptions = {},
): () => Promise<OpenApiDoc> {
  const ttlMs = options.ttlMs ?? 30_000
  const partialTtlMs = options.partialTtlMs ?? 5_000
  const timeoutMs = options.fetchTimeoutMs ?? 2_000
  let cached: { doc: OpenApiDoc; expiresAt: number } | undefined
  let inFlight: Promise<OpenApiDoc> | undefined

  const build = async (): Promise<OpenApiDoc> => {
    const results = await Promise.all(
      [...upstreams.values()].map(async (upstream): Promise<ServiceDoc | string> => {
        try {
          const { status, body } = await callUpstream(upstream, { path: '/docs/json', timeoutMs })
          if (status === 200 && body !== null && typeof body === 'object') return { service: upstream.name, doc: body as OpenApiDoc }
          log.warn({ service: upstream.name, status }, 'service docs not available')
        } catch (err) {
          log.warn({ service: upstream.name, reason: describeFailure(err) }, 'service docs not available')
        }
        return upstream.name
      }),
    )
    const docs = results.filter((r): r is ServiceDoc => typeof r !== 'string')
    const unavailable = results.filter((r): r is string => typeof r === 'string')
    const doc = mergeOpenApi(own(), docs, unavailable, INFO)
    cached = { doc, expiresAt: Date.now() + (unavailable.length > 0 ? partialTtlMs : ttlMs) }
    return doc
  }

  return async () => {
    if (cached && cached.expiresAt > Date.now()) return cached.doc
    inFlight ??= build().finally(() => {
      inFlight = undefined
    })
    return inFlight
  }
}
