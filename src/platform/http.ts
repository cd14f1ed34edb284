import { randomUUID } from 'node:crypto'
import type { Socket } from 'node:net'
import { STATUS_CODES } from 'node:http'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify'
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod'
import { enterContext, validTraceparent } from './context.ts'
import { AppError, type FieldError, problem, toProblem, TooManyRequests } from './errors.ts'
import type { Logger } from './log.ts'
import { httpMetricsOf, ServiceMetrics } from './metrics.ts'

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>

export type ReadinessCheck = () => Promise<void>

export interface HttpAppOptions {
  service: string
  log: Logger
  bodyLimitBytes: number
  /** Trust X-Forwarded-* from this many hops (services sit behind the gateway), or a boolean. */
  trustProxy: boolean | number | string
  /** Named dependencies /health/ready checks: db, broker, kv. */
  readiness: Record<string, ReadinessCheck>
  docs: { title: string; description: string }
  /** Where the app's metrics go, beside the service's others; a registry of its own by default. */
  metrics?: ServiceMetrics
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/
const PROBLEM_JSON = 'application/problem+json; charset=utf-8'

export function sendProblem(reply: FastifyReply, body: ReturnType<typeof problem>): FastifyReply {
  return reply.code(body.status).type(PROBLEM_JSON).send(body)
}

/** Per server: connections that have not sent a byte yet. */
const silentSockets = new WeakMap<object, Set<Socket>>()

function trackSilentSockets(server: FastifyInstance['server']): void {
  const silent = new Set<Socket>()
  silentSockets.set(server, silent)
  server.on('connection', (socket: Socket) => {
    silent.add(socket)
    const forget = () => silent.delete(socket)
    socket.once('data', forget)
    socket.once('close', forget)
  })
}

/**
 * Stops taking requests and lets those in flight finish. A kept-alive connection whose request
 * finishes after the close began would otherwise stay open, and the close would wait for the
 * client to hang up: such connections are closed as soon as they fall idle.
 */
export async function closeGracefully(app: FastifyInstance): Promise<void> {
  const closing = app.close()
  const sweep = setInterval(() => {
    app.server.closeIdleConnections()
    // A client may open a connection and never send on it (a preconnect, a request aborted while
    // connecting): Node counts it as neither busy nor idle, and it would hold the close open.
    for (const socket of silentSockets.get(app.server) ?? []) socket.destroy()
  }, 50)
  try {
    await closing
  } finally {
    clearInterval(sweep)
  }
}

/**
 * The Fastify app every service and the gateway start from: zod validation, problem+json
 * errors, request ids, metrics, health and OpenAPI at /docs.
 */
export async function createHttpApp(opts: HttpAppOptions): Promise<App> {
  const app = Fastify({
    loggerInstance: opts.log,
    bodyLimit: opts.bodyLimitBytes,
    trustProxy: typeof opts.trustProxy === 'number' ? trustHops(opts.trustProxy) : opts.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // The router refuses some URLs before any hook runs; they get problem+json like everything else.
    frameworkErrors: (err, req, reply) => {
      reply.header('x-request-id', req.id)
      if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
        return sendProblem(reply, problem(414, 'uri_too_long', 'URI Too Long', 'A part of the path is too long.'))
      }
      return sendProblem(reply, problem(400, 'bad_url', 'Bad Request', 'The path is not a well-formed URL.'))
    },
  }).withTypeProvider<ZodTypeProvider>()

  trackSilentSockets(app.server)
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  const serviceMetrics = opts.metrics ?? new ServiceMetrics(opts.service)
  const metrics = httpMetricsOf(serviceMetrics)

  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id)
    enterContext({ correlationId: req.id, traceparent: validTraceparent(req.headers.traceparent) })
    done()
  })
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched'
    const labels = { method: req.method, route, status: String(reply.statusCode) }
    metrics.requests.inc(labels)
    metrics.duration.observe(labels, reply.elapsedTime / 1000)
    if (reply.statusCode >= 500) req.log.error({ route, status: reply.statusCode, ms: reply.elapsedTime }, 'request failed')
    else req.log.debug({ route, status: reply.statusCode, ms: reply.elapsedTime }, 'request')
  })

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof TooManyRequests) reply.header('retry-after', String(err.retryAfterSeconds))
    return sendProblem(reply, errorToProblem(err, req))
  })
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, problem(404, 'route_not_found', 'Not Found', `No route for ${req.method} ${req.url.split('?')[0]}.`)),
  )

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: opts.docs.title, description: opts.docs.description, version: '1.0.0' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
  })
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // Services and a laptop's gateway speak plain http: upgrading the UI's requests to https would break it.
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
  })

  app.get('/health/live', { schema: { hide: true } }, async () => ({ status: 'ok' }))
  app.get('/health/ready', { schema: { hide: true } }, async (_req, reply) => {
    const checks = await runChecks(opts.readiness)
    const ok = Object.values(checks).every((c) => c === 'ok')
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks })
  })
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    const { contentType, body } = await serviceMetrics.render()
    return reply.type(contentType).send(body)
  })

  return app as unknown as App
}

/** Trusts X-Forwarded-For entries added by the nearest `hops` proxies (the gateway, for a service). */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops
}

export async function runChecks(checks: Record<string, ReadinessCheck>): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await withTimeout(check(), 2_000)
        return [name, 'ok'] as const
      } catch (err) {
        return [name, err instanceof Error ? err.message : 'failed'] as const
      }
    }),
  )
  return Object.fromEntries(entries)
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)
  })
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer))
}

function validationErrors(err: FastifyError): FieldError[] {
  const where = err.validationContext
  const prefix = where === 'body' || where === undefined ? '' : `${where === 'querystring' ? 'query' : where}.`
  return (err.validation ?? []).map((v) => {
    const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.')
    return { path: `${prefix}${path}` || (prefix ? prefix.slice(0, -1) : ''), message: v.message ?? 'is invalid' }
  })
}

/** Maps anything thrown in a request to a problem; 5xx answers never carry internals. */
export function errorToProblem(err: FastifyError, req: FastifyRequest): ReturnType<typeof problem> {
  if (err instanceof AppError) return toProblem(err)
  if (hasZodFastifySchemaValidationErrors(err) || err.validation) {
    return problem(400, 'validation_failed', 'Bad Request', 'The request is not valid.', validationErrors(err))
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'malformed_json', 'Bad Request', 'The request body is not valid JSON.')
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'payload_too_large', 'Content Too Large', 'The request body is too large.')
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'unsupported_media_type', 'Unsupported Media Type', 'Send the body as application/json.')
  }
  if (err instanceof SyntaxError) {
    return problem(400, 'malformed_json', 'Bad Request', 'The request body is not valid JSON.')
  }
  const status = err.statusCode ?? 500
  if (status >= 400 && status < 500) {
    return problem(status, 'bad_request', STATUS_CODES[status] ?? 'Bad Request', err.message)
  }
  req.log.error({ err }, 'unhandled error')
  return problem(500, 'internal_error', 'Internal Server Error', 'Something went wrong on our side. It has been logged.')
}
