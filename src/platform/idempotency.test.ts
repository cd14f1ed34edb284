import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { sql } from 'drizzle-orm'
import { openPglite, pgliteServiceDb, queryRows } from './db/db.ts'
import { migrate } from './db/migrate.ts'
import { type App, createHttpApp } from './http.ts'
import { idempotencyMigration, registerIdempotency } from './idempotency.ts'
import { createLogger } from './log.ts'
import type { PGliteInterface } from '@electric-sql/pglite'

let app: App
let pglite: PGliteInterface
let created = 0
let gate: Promise<void> = Promise.resolve()
let reachedGate: () => void = () => undefined

beforeAll(async () => {
  pglite = await openPglite(undefined)
  const { db, afterCommit } = pgliteServiceDb(pglite)
  await migrate(db, 'example', [idempotencyMigration('example')])
  await db.execute(sql`CREATE TABLE example.made (id serial PRIMARY KEY, name text NOT NULL)`)
  app = await createHttpApp({
    service: 'example',
    log: createLogger({ logLevel: 'silent' }),
    bodyLimitBytes: 1024,
    trustProxy: false,
    readiness: {},
    docs: { title: 'Example', description: 'An example service' },
  })
  registerIdempotency(app, db, 'example', afterCommit)
  // A stand-in for authentication: the caller is whoever x-user names.
  const asUser = async (req: { headers: Record<string, unknown>; user?: unknown }) => {
    if (typeof req.headers['x-user'] === 'string') req.user = { id: req.headers['x-user'], role: 'customer', email: 'a@b.c', sid: 's' }
  }
  app.post(
    '/things',
    { preHandler: [asUser as never, app.idempotency.required], schema: { body: z.object({ name: z.string() }) } },
    async (req, reply) => {
      reachedGate()
      await gate
      created += 1
      return reply.code(201).send({ n: created, name: req.body.name })
    },
  )
  app.post('/optional', { preHandler: app.idempotency.optional, schema: { body: z.object({ fail: z.boolean() }) } }, async (req, reply) => {
    created += 1
    if (req.body.fail) throw new Error('database went away')
    return reply.code(201).send({ n: created })
  })
  // What the request makes and its answer commit together; then the process fails before it replies.
  app.post(
    '/made',
    { preHandler: app.idempotency.required, schema: { body: z.object({ name: z.string(), failAfterCommit: z.boolean() }) } },
    async (req, reply) => {
      const answer = await db.transaction(async (tx) => {
        const [row] = await queryRows<{ id: number }>(tx, sql`INSERT INTO example.made (name) VALUES (${req.body.name}) RETURNING id`)
        const made = { id: row?.id, name: req.body.name }
        await app.idempotency.answerIn(req)(tx, 202, made)
        return made
      })
      if (req.body.failAfterCommit) throw new Error('the process went down after the commit')
      return reply.code(202).send(answer)
    },
  )
  await app.ready()
})
afterAll(async () => {
  await app.close()
  await pglite.close()
})

const post = (url: string, body: unknown, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url, payload: body as object, headers })

describe('Idempotency-Key', () => {
  it('when the same request is sent twice with one key, then it runs once and the second gets the same answer', async () => {
    const first = await post('/things', { name: 'a' }, { 'idempotency-key': 'k-1' })
    const second = await post('/things', { name: 'a' }, { 'idempotency-key': 'k-1' })
    expect(first.statusCode).toBe(201)
    expect(second.statusCode).toBe(201)
    expect(second.json()).toEqual(first.json())
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(second.headers['content-type']).toMatch(/application\/json/)
  })

  it('when the key comes back with a different body, then 422', async () => {
    await post('/things', { name: 'b' }, { 'idempotency-key': 'k-2' })
    const other = await post('/things', { name: 'c' }, { 'idempotency-key': 'k-2' })
    expect(other.statusCode).toBe(422)
    expect(other.json()).toMatchObject({ code: 'idempotency_key_reused' })
  })

  it('when a route requires a key and none is sent, or it is malformed, then 400 problem+json', async () => {
    const none = await post('/things', { name: 'd' })
    expect(none.statusCode).toBe(400)
    expect(none.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(none.json().errors[0].path).toBe('headers.idempotency-key')
    expect((await post('/things', { name: 'd' }, { 'idempotency-key': 'x'.repeat(201) })).statusCode).toBe(400)
  })

  it('while the first request is still running, the same key gets 409 with Retry-After', async () => {
    let open!: () => void
    gate = new Promise((resolve) => (open = resolve))
    const running = new Promise<void>((resolve) => (reachedGate = resolve))
    const first = post('/things', { name: 'slow' }, { 'idempotency-key': 'k-3' })
    await running
    const second = await post('/things', { name: 'slow' }, { 'idempotency-key': 'k-3' })
    open()
    expect(second.statusCode).toBe(409)
    expect(second.headers['retry-after']).toBe('1')
    expect((await first).statusCode).toBe(201)
    gate = Promise.resolve()
  })

  it('keys belong to their caller: two users with the same key each get their own answer', async () => {
    const a = await post('/things', { name: 'e' }, { 'idempotency-key': 'shared', 'x-user': 'user-a' })
    const b = await post('/things', { name: 'e' }, { 'idempotency-key': 'shared', 'x-user': 'user-b' })
    expect(b.json().n).toBe(a.json().n + 1)
    expect(b.headers['idempotent-replayed']).toBeUndefined()
  })

  it('a 5xx answer is not kept: the retry with the same key runs again', async () => {
    const failed = await post('/optional', { fail: true }, { 'idempotency-key': 'k-5' })
    expect(failed.statusCode).toBe(500)
    const before = created
    const again = await post('/optional', { fail: true }, { 'idempotency-key': 'k-5' })
    expect(again.statusCode).toBe(500)
    expect(created).toBe(before + 1)
  })

  it('when the request fails after its transaction recorded the answer, then a retry with the key replays it and makes nothing twice', async () => {
    const failed = await post('/made', { name: 'once', failAfterCommit: true }, { 'idempotency-key': 'k-made' })
    expect(failed.statusCode).toBe(500)
    const retry = await post('/made', { name: 'once', failAfterCommit: true }, { 'idempotency-key': 'k-made' })
    expect(retry.statusCode).toBe(202)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    const made = (await pglite.query<{ n: number }>(`SELECT count(*)::int AS n FROM example.made WHERE name = 'once'`)).rows[0]?.n
    expect(made).toBe(1)
    expect(retry.json()).toMatchObject({ name: 'once' })
  })

  it('without a key, an optional route simply runs', async () => {
    const before = created
    await post('/optional', { fail: false })
    await post('/optional', { fail: false })
    expect(created).toBe(before + 2)
  })
})
