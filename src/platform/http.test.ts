import { connect } from 'node:net'
import { Pool } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Conflict, TooManyRequests } from './errors.ts'
import { type App, closeGracefully, createHttpApp } from './http.ts'
import { createLogger } from './log.ts'

let app: App
let dbUp = true

beforeAll(async () => {
  app = await createHttpApp({
    service: 'example',
    log: createLogger({ logLevel: 'silent' }),
    bodyLimitBytes: 1024,
    trustProxy: 1,
    readiness: {
      db: async () => {
        if (!dbUp) throw new Error('connection refused')
      },
    },
    docs: { title: 'Example', description: 'An example service' },
  })
  app.post(
    '/things',
    { schema: { body: z.object({ name: z.string().min(2), price: z.object({ amount: z.number().int().min(0) }) }), response: { 201: z.object({ name: z.string() }) } } },
    async (req, reply) => reply.code(201).send({ name: req.body.name }),
  )
  app.get('/things/:id', { schema: { params: z.object({ id: z.uuid() }), querystring: z.object({ page: z.coerce.number().int().min(1).optional() }) } }, async () => ({ ok: true }))
  app.get('/boom', async () => {
    throw new Error('secret database password is hunter2')
  })
  app.get('/taken', async () => {
    throw new Conflict('That name is taken.', 'name_taken')
  })
  app.get('/slow-down', async () => {
    throw new TooManyRequests('Too many attempts.', 42)
  })
  await app.ready()
})
afterAll(() => app.close())

const isProblem = (res: { headers: Record<string, unknown> }) =>
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/)

describe('the http app every service starts from', () => {
  it('when the body breaks the schema, then 400 problem+json names each bad field', async () => {
    const res = await app.inject({ method: 'POST', url: '/things', payload: { name: 'x', price: { amount: -1.5 } } })
    expect(res.statusCode).toBe(400)
    isProblem(res)
    const body = res.json()
    expect(body).toMatchObject({ status: 400, title: 'Bad Request', type: expect.stringContaining('validation_failed') })
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['name', 'price.amount'])
  })

  it('when params or query are bad, then the error path says where', async () => {
    const res = await app.inject({ method: 'GET', url: '/things/not-a-uuid' })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0].path).toBe('params.id')
    const q = await app.inject({ method: 'GET', url: '/things/0190a0a0-0000-7000-8000-000000000001?page=0' })
    expect(q.json().errors[0].path).toBe('query.page')
  })

  it('when the JSON is malformed, then 400 problem+json', async () => {
    const res = await app.inject({ method: 'POST', url: '/things', payload: '{"name": ', headers: { 'content-type': 'application/json' } })
    expect(res.statusCode).toBe(400)
    isProblem(res)
    expect(res.json().code).toBe('malformed_json')
  })

  it('when the body is too large, then 413 problem+json', async () => {
    const res = await app.inject({ method: 'POST', url: '/things', payload: { name: 'x'.repeat(5000), price: { amount: 1 } } })
    expect(res.statusCode).toBe(413)
    isProblem(res)
  })

  it('when the content type is not JSON, then 415 problem+json', async () => {
    const res = await app.inject({ method: 'POST', url: '/things', payload: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(res.statusCode).toBe(415)
    isProblem(res)
  })

  it('when a path segment is too long or badly encoded, then 414 or 400 problem+json', async () => {
    const long = await app.inject({ method: 'GET', url: `/things/${'a'.repeat(300)}` })
    expect(long.statusCode).toBe(414)
    expect(long.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(long.json()).toMatchObject({ status: 414, code: 'uri_too_long' })
    const bad = await app.inject({ method: 'GET', url: '/things/%E0%A4%A' })
    expect(bad.statusCode).toBe(400)
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/)
  })

  it('when the route is unknown, then 404 problem+json', async () => {
    const res = await app.inject({ method: 'GET', url: '/nothing-here' })
    expect(res.statusCode).toBe(404)
    isProblem(res)
  })

  it('when a handler fails unexpectedly, then 500 problem+json without internals', async () => {
    const res = await app.inject({ method: 'GET', url: '/boom' })
    expect(res.statusCode).toBe(500)
    isProblem(res)
    expect(res.body).not.toContain('hunter2')
    expect(res.body).not.toContain('at ')
    expect(res.json().detail).not.toContain('Error')
  })

  it('maps typed domain errors to their status, and 429 carries Retry-After', async () => {
    const conflict = await app.inject({ method: 'GET', url: '/taken' })
    expect(conflict.statusCode).toBe(409)
    expect(conflict.json()).toMatchObject({ code: 'name_taken', detail: 'That name is taken.' })
    const limited = await app.inject({ method: 'GET', url: '/slow-down' })
    expect(limited.statusCode).toBe(429)
    expect(limited.headers['retry-after']).toBe('42')
  })

  it('answers every request with an X-Request-Id, keeping a well-formed one it was given', async () => {
    const given = await app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'abc-123' } })
    expect(given.headers['x-request-id']).toBe('abc-123')
    const made = await app.inject({ method: 'GET', url: '/nothing-here', headers: { 'x-request-id': 'bad id\r\nx: y' } })
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('reports readiness of its dependencies, 503 when one is down', async () => {
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200)
    dbUp = false
    const down = await app.inject({ method: 'GET', url: '/health/ready' })
    dbUp = true
    expect(down.statusCode).toBe(503)
    expect(down.json().checks.db).toContain('connection refused')
  })

  it('exposes request counts and latency per route as Prometheus text', async () => {
    await app.inject({ method: 'GET', url: '/taken' })
    const res = await app.inject({ method: 'GET', url: '/metrics' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toMatch(/http_requests_total\{[^}]*route="\/taken"[^}]*status="409"/)
    expect(res.body).toContain('http_request_duration_seconds_bucket')
    expect(res.body).toContain('process_cpu_user_seconds_total')
  })

  it('serves an OpenAPI document generated from the zod schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(doc.paths['/things'].post.requestBody.content['application/json'].schema.properties.name).toBeDefined()
    expect(doc.paths['/health/ready']).toBeUndefined()
  })

  it('serves the API explorer at /docs, usable over plain http', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-security-policy']).toBeDefined()
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests')
  })
})

describe('closing', () => {
  it('when a keep-alive request is still running at close, then its answer is sent and close finishes soon after', async () => {
    const slow = await createHttpApp({
      service: 'slow',
      log: createLogger({ logLevel: 'silent' }),
      bodyLimitBytes: 1024,
      trustProxy: false,
      readiness: {},
      docs: { title: 'Slow', description: 'A slow service' },
    })
    let arrived!: () => void
    const inFlight = new Promise<void>((resolve) => (arrived = resolve))
    slow.get('/slow', async () => {
      arrived()
      await new Promise((r) => setTimeout(r, 300))
      return { done: true }
    })
    const address = await slow.listen({ host: '127.0.0.1', port: 0 })
    const pool = new Pool(address, { connections: 1, keepAliveTimeout: 60_000 })
    try {
      const answer = pool.request({ method: 'GET', path: '/slow' }).then(async (res) => ({ status: res.statusCode, body: await res.body.json() }))
      await inFlight
      const t0 = performance.now()
      await closeGracefully(slow)
      expect(await answer).toEqual({ status: 200, body: { done: true } })
      expect(performance.now() - t0).toBeLessThan(2_000)
    } finally {
      await pool.destroy()
    }
  })

  it('when a client opened a connection and never sent a request on it, then close does not wait for it', async () => {
    const quiet = await createHttpApp({
      service: 'quiet',
      log: createLogger({ logLevel: 'silent' }),
      bodyLimitBytes: 1024,
      trustProxy: false,
      readiness: {},
      docs: { title: 'Quiet', description: 'A quiet service' },
    })
    const address = new URL(await quiet.listen({ host: '127.0.0.1', port: 0 }))
    const socket = connect(Number(address.port), address.hostname)
    await new Promise((resolve) => socket.once('connect', resolve))
    const t0 = performance.now()
    await closeGracefully(quiet)
    expect(performance.now() - t0).toBeLessThan(2_000)
    socket.destroy()
  })
})
