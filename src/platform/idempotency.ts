import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import { type Db, type DbOrTx, queryRows } from './db/db.ts'
import { BadRequest, Conflict, RuleViolation } from './errors.ts'
import type { App } from './http.ts'

/** How long an answer is kept for replay. */
export const IDEMPOTENCY_RETENTION_HOURS = 24
/** A request still "processing" after this long was cut off (a crash, a timeout): its key may be used again. */
export const ABANDONED_AFTER_SECONDS = 60
const KEY = /^[\x21-\x7e]{1,200}$/
const JSON_TYPE = 'application/json; charset=utf-8'

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when this request holds an Idempotency-Key whose answer is to be recorded. */
    idempotencyClaim?: IdempotencyClaim
  }
  interface FastifyInstance {
    idempotency: Idempotency
  }
}

export interface Idempotency {
  /** preHandler: honours an `Idempotency-Key` when the client sends one. Place it after the auth check. */
  optional: preHandlerAsyncHookHandler
  /** preHandler: as `optional`, and a request without the header is refused (400). */
  required: preHandlerAsyncHookHandler
  /**
   * The request's answer, to record in the use case's own transaction (the one that writes what
   * the request made): a crash after that commit leaves the key answered, never "processing".
   * Does nothing for a request without a key.
   */
  answerIn(req: FastifyRequest): AnswerRecorder
}

/** Records `status` and `body` as the answer to the request's key, in `tx`. */
export type AnswerRecorder = (tx: DbOrTx, status: number, body: unknown) => Promise<void>

/** The key's scope and the request's fingerprint: what a replay is matched on. */
export interface IdempotencyClaim {
  scope: string
  key: string
}

interface StoredAnswer {
  fingerprint: string
  status: string
  status_code: number | null
  content_type: string | null
  body: string | null
  fresh: boolean
  abandoned: boolean
}

/**
 * `Idempotency-Key` on creating POSTs (DESIGN principle 6), kept in the service's own
 * database: the first request with a key runs and its answer (any status below 500) is
 * recorded; the same key with the same request gets that answer again (`Idempotent-Replayed:
 * true`), with another request 422, and while the first is still running 409. Keys are per
 * caller, so two customers cannot collide, and are kept for 24 hours.
 */
export function registerIdempotency(app: App, db: Db, schema: string, afterCommit: (effect: () => void) => void = (effect) => effect()): void {
  const table = sql.identifier(schema)
  let claims = 0
  /** Requests whose answer their transaction recorded: the reply need not record it again. */
  const answered = new WeakSet<FastifyRequest>()

  async function record(db: DbOrTx, held: IdempotencyClaim, status: number, contentType: string | null, body: string | null): Promise<void> {
    await db.execute(
      sql`UPDATE ${table}.idempotency_keys SET status = 'completed', status_code = ${status}, content_type = ${contentType}, body = ${body}
          WHERE scope = ${held.scope} AND key = ${held.key}`,
    )
  }

  async function claim(req: FastifyRequest, reply: FastifyReply, required: boolean): Promise<FastifyReply | undefined> {
    const header = req.headers['idempotency-key']
    if (header === undefined) {
      if (required) throw new BadRequest('This request needs an Idempotency-Key header.', [{ path: 'headers.idempotency-key', message: 'Required' }])
      return undefined
    }
    if (typeof header !== 'string' || !KEY.test(header)) {
      throw new BadRequest('The Idempotency-Key must be 1 to 200 visible ASCII characters.', [
        { path: 'headers.idempotency-key', message: 'Invalid key' },
      ])
    }
    const scope = req.user?.id ?? 'anonymous'
    const fingerprint = fingerprintOf(req)
    if (++claims % 500 === 0) {
      await db.execute(sql`DELETE FROM ${table}.idempotency_keys WHERE created_at < now() - make_interval(hours => ${IDEMPOTENCY_RETENTION_HOURS})`)
    }
    const inserted = await queryRows<{ key: string }>(
      db,
      sql`INSERT INTO ${table}.idempotency_keys (scope, key, fingerprint) VALUES (${scope}, ${header}, ${fingerprint})
          ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
    )
    if (inserted.length === 0) {
      const [stored] = await queryRows<StoredAnswer>(
        db,
        sql`SELECT fingerprint, status, status_code, content_type, body,
                   created_at > now() - make_interval(hours => ${IDEMPOTENCY_RETENTION_HOURS}) AS fresh,
                   status = 'processing' AND created_at < now() - make_interval(secs => ${ABANDONED_AFTER_SECONDS}) AS abandoned
              FROM ${table}.idempotency_keys WHERE scope = ${scope} AND key = ${header}`,
      )
      if (stored && stored.fresh && !stored.abandoned) return answerFrom(stored, fingerprint, reply)
      // Expired, abandoned, or deleted meanwhile: this request takes the key over.
      await db.execute(
        sql`INSERT INTO ${table}.idempotency_keys (scope, key, fingerprint) VALUES (${scope}, ${header}, ${fingerprint})
            ON CONFLICT (scope, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, status = 'processing',
              status_code = NULL, content_type = NULL, body = NULL, created_at = now()`,
      )
    }
    req.idempotencyClaim = { scope, key: header }
    return undefined
  }

  app.decorate('idempotency', {
    optional: async function (req, reply) {
      return claim(req, reply, false)
    },
    required: async function (req, reply) {
      return claim(req, reply, true)
    },
    answerIn(req) {
      return async (tx, status, body) => {
        const held = req.idempotencyClaim
        if (!held) return
        await record(tx, held, status, JSON_TYPE, JSON.stringify(body))
        afterCommit(() => answered.add(req))
      }
    },
  } satisfies Idempotency)

  app.addHook('onSend', async (req, reply, payload) => {
    const held = req.idempotencyClaim
    if (held === undefined || reply.getHeader('idempotent-replayed') !== undefined) return payload
    req.idempotencyClaim = undefined
    // Its transaction recorded the answer with what it made: that answer stands, whatever this reply says.
    if (answered.has(req)) return payload
    if (reply.statusCode >= 500) {
      // Nothing was promised: let the client try again with the same key.
      await db.execute(sql`DELETE FROM ${table}.idempotency_keys WHERE scope = ${held.scope} AND key = ${held.key}`)
      return payload
    }
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : payload == null ? '' : null
    const type = reply.getHeader('content-type')
    await record(db, held, reply.statusCode, typeof type === 'string' ? type : null, body)
    return payload
  })
}

function answerFrom(stored: StoredAnswer, fingerprint: string, reply: FastifyReply): FastifyReply {
  if (stored.fingerprint !== fingerprint) {
    throw new RuleViolation('This Idempotency-Key was already used with a different request.', 'idempotency_key_reused')
  }
  if (stored.status !== 'completed' || stored.status_code === null) {
    reply.header('retry-after', '1')
    throw new Conflict('A request with this Idempotency-Key is still being processed.', 'idempotency_request_in_progress')
  }
  reply.code(stored.status_code).header('idempotent-replayed', 'true')
  if (stored.content_type) reply.header('content-type', stored.content_type)
  return reply.send(stored.body ?? '')
}

/** The request as the client made it: method, route, path parameters and body. */
function fingerprintOf(req: FastifyRequest): string {
  const text = JSON.stringify([req.method, req.routeOptions.url, req.params ?? null, req.body ?? null])
  return createHash('sha256').update(text).digest('base64url')
}

/** The table the store needs in every service's schema (a platform migration). */
export function idempotencyMigration(schema: string): { name: string; sql: string } {
  return {
    name: '0000_platform_idempotency.sql',
    sql: `CREATE TABLE ${schema}.idempotency_keys (
      scope text NOT NULL,
      key text NOT NULL,
      fingerprint text NOT NULL,
      status text NOT NULL DEFAULT 'processing' CHECK (status IN ('processing', 'completed')),
      status_code integer,
      content_type text,
      body text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (scope, key)
    )`,
  }
}
