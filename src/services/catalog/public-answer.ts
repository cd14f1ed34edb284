import type { FastifyReply, FastifyRequest } from 'fastify'
import { Forbidden, Unauthorized } from '../../platform/errors.ts'
import { etagMatches, etagOf } from '../../platform/etag.ts'
import type { CatalogDeps } from './catalog.deps.ts'
import type { Viewer } from './get-product.ts'

/** Who is asking, as catalog reads care: an admin sees drafts and deleted items, anyone else the shop. */
export function viewerOf(req: FastifyRequest): Viewer {
  return { admin: req.user?.role === 'admin' }
}

/** Some read options are for admins only: 401 without a token, 403 with a customer's. */
export function assertAdminFor(req: FastifyRequest, what: string): void {
  if (!req.user) throw new Unauthorized(`${what} needs an admin's access token.`)
  if (req.user.role !== 'admin') throw new Forbidden(`${what} is for admins only.`)
}

/** The request in one canonical form: its path and its parsed query, keys sorted. */
function answerKey(req: FastifyRequest): string {
  const path = req.url.split('?')[0] ?? ''
  const query = (req.query ?? {}) as Record<string, unknown>
  const pairs = Object.keys(query)
    .sort()
    .filter((k) => query[k] !== undefined)
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(query[k]))}`)
  return `${path}?${pairs.join('&')}`
}

/**
 * Sends a read's answer. Admins get it fresh and `private, no-store`. Everyone else gets the
 * same public answer: computed once per `cacheSeconds` in this process (serialized once, sent
 * as a string), with a strong ETag, `Cache-Control: public, max-age`, and 304 when the client
 * already holds it.
 */
export async function sendReadAnswer(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: CatalogDeps,
  compute: () => Promise<unknown>,
): Promise<FastifyReply> {
  if (viewerOf(req).admin) {
    const body = JSON.stringify(await compute())
    return reply.header('cache-control', 'private, no-store').type('application/json').send(body)
  }
  const key = answerKey(req)
  let answer = deps.answers.get(key)
  if (!answer) {
    const generation = deps.answers.generation
    const body = JSON.stringify(await compute())
    answer = { body, etag: etagOf(body) }
    deps.answers.set(key, answer, generation)
  }
  const seconds = deps.config.catalog.cacheSeconds
  // No Vary: shared caches (the gateway's among them) keep only answers to requests without credentials.
  reply.header('cache-control', seconds > 0 ? `public, max-age=${seconds}` : 'no-cache').header('etag', answer.etag)
  if (etagMatches(req.headers['if-none-match'], answer.etag)) return reply.code(304).send()
  return reply.type('application/json').send(answer.body)
}
