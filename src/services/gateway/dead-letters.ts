import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { DeadLetterDto } from '../../contracts/operations.ts'
import { bearerSecurity, requireAdmin } from '../../platform/auth.ts'
import { NotFound, problem } from '../../platform/errors.ts'
import { type App, sendProblem } from '../../platform/http.ts'
import { callUpstream, type Upstream, type UpstreamAnswer, type Upstreams } from './upstreams.ts'

const FAN_OUT_TIMEOUT_MS = 5_000

const DeadLetter = DeadLetterDto.loose()
type DeadLetter = z.infer<typeof DeadLetter>

const DeadLetterList = z.object({
  items: z.array(DeadLetter),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Services that did not answer: their dead letters are missing from `items`. */
  unavailable: z.array(z.string()),
})

type Outcome = { service: string; answer: UpstreamAnswer } | { service: string; down: true }

/**
 * Every consuming service serves its own dead letters; the gateway asks them all (passing the
 * caller's token on), merges the lists, and sends a replay to the one service that has the
 * message. A service without dead-letter routes answers 404 and is skipped; one that is down
 * is named in the answer, not fatal.
 */
export function registerDeadLetterRoutes(app: App, upstreams: Upstreams): void {
  const all = [...upstreams.values()]

  app.get(
    '/api/admin/dead-letters',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['operations'],
        summary: 'Messages that exhausted their retries, in every service',
        security: bearerSecurity,
        querystring: z.object({ includeReplayed: z.enum(['true', 'false']).optional() }),
        response: { 200: DeadLetterList },
      },
    },
    async (req, reply) => {
      const query = req.query.includeReplayed ? `?includeReplayed=${req.query.includeReplayed}` : ''
      const outcomes = await fanOut(all, req, 'GET', `/api/admin/dead-letters${query}`)
      const refusal = findRefusal(outcomes)
      if (refusal) return relay(reply, refusal)

      const items: DeadLetter[] = []
      const unavailable: string[] = []
      for (const outcome of outcomes) {
        if ('down' in outcome) unavailable.push(outcome.service)
        else if (outcome.answer.status === 200) items.push(...listOf(outcome.answer.body, outcome.service))
        else if (outcome.answer.status !== 404) unavailable.push(outcome.service)
      }
      items.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      return { items, total: items.length, page: 1, pageSize: 100, unavailable }
    },
  )

  app.post(
    '/api/admin/dead-letters/:id/replay',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['operations'],
        summary: 'Replays a dead letter in the service that holds it',
        security: bearerSecurity,
        params: z.object({ id: z.uuid() }),
        response: { 200: DeadLetter },
      },
    },
    async (req, reply) => {
      const outcomes = await fanOut(all, req, 'POST', `/api/admin/dead-letters/${req.params.id}/replay`)
      const refusal = findRefusal(outcomes)
      if (refusal) return relay(reply, refusal)
      // The service that has it: its success, or its refusal (409 already replayed, …).
      const owner = outcomes.find((o): o is Extract<Outcome, { answer: UpstreamAnswer }> => {
        return !('down' in o) && o.answer.status < 500 && o.answer.status !== 404
      })
      if (owner) return relay(reply, owner)

      const unavailable = outcomes
        .filter((o) => 'down' in o || o.answer.status >= 500)
        .map((o) => o.service)
      if (unavailable.length > 0) {
        return sendProblem(
          reply,
          problem(
            503,
            'service_unavailable',
            'Service Unavailable',
            `The dead letter was not found in the services that answered; ${unavailable.join(', ')} did not answer.`,
            undefined,
            { unavailable },
          ),
        )
      }
      throw new NotFound('Dead letter')
    },
  )
}

async function fanOut(all: Upstream[], req: FastifyRequest, method: 'GET' | 'POST', path: string): Promise<Outcome[]> {
  const headers: Record<string, string> = { 'x-request-id': req.id, 'x-forwarded-for': req.ip }
  if (req.headers.authorization) headers.authorization = req.headers.authorization
  return Promise.all(
    all.map(async (upstream): Promise<Outcome> => {
      try {
        return { service: upstream.name, answer: await callUpstream(upstream, { method, path, headers, timeoutMs: FAN_OUT_TIMEOUT_MS }) }
      } catch (err) {
        req.log.warn({ service: upstream.name, err }, 'dead-letter fan-out: service did not answer')
        return { service: upstream.name, down: true }
      }
    }),
  )
}

/** A 401/403 from any service is the caller's problem, not a missing dead letter. */
function findRefusal(outcomes: Outcome[]) {
  return outcomes.find((o): o is Extract<Outcome, { answer: UpstreamAnswer }> => {
    return !('down' in o) && (o.answer.status === 401 || o.answer.status === 403)
  })
}

function relay(reply: FastifyReply, outcome: { answer: UpstreamAnswer }) {
  const type = outcome.answer.headers['content-type']
  if (typeof type === 'string') reply.type(type)
  return reply.code(outcome.answer.status).send(outcome.answer.body)
}

function listOf(body: unknown, service: string): DeadLetter[] {
  const items = (body as { items?: unknown } | undefined)?.items
  if (!Array.isArray(items)) return []
  return items.map((item) => ({ ...(item as DeadLetter), service: (item as DeadLetter).service ?? service }))
}
