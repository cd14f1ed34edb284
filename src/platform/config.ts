import { z } from 'zod'

/** Every service the launcher knows, in start order (identity first: the others verify its tokens). */
export const SERVICE_NAMES = [
  'identity',
  'catalog',
  'inventory',
  'cart',
  'order',
  'payment',
  'shipping',
  'notification',
] as const
export type ServiceName = (typeof SERVICE_NAMES)[number]

const DEFAULT_SERVICE_PORTS: Record<ServiceName, number> = {
  identity: 8081,
  catalog: 8082,
  inventory: 8083,
  cart: 8084,
  order: 8085,
  payment: 8086,
  shipping: 8087,
  notification: 8088,
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes')
const port = z.coerce.number().int().min(0).max(65535)
const positiveInt = z.coerce.number().int().positive()
const csvOfPositiveInts = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'a comma-separated list of whole milliseconds')
  .transform((s) => s.split(',').map(Number))

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  EMPORIUM_MODE: z.enum(['embedded', 'distributed']).optional(),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: port.default(8080),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  DATABASE_PREFIX: z.string().regex(/^[a-z][a-z0-9_]*$/).default('emporium'),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  AMQP_URL: z.url().default('amqp://guest:guest@127.0.0.1:5672'),
  AMQP_PREFIX: z.string().regex(/^[a-z][a-z0-9_.-]*$/).default('emporium'),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().default('emporium:'),
  BUS_MAX_ATTEMPTS: positiveInt.default(5),
  BUS_RETRY_DELAYS_MS: csvOfPositiveInts.default([200, 1000, 5000, 15000]),
  JWT_ISSUER: z.string().min(1).default('emporium'),
  ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(900),
  REFRESH_TOKEN_TTL_DAYS: positiveInt.default(30),
  SIGNING_KEY_ROTATION_DAYS: positiveInt.default(90),
  JWKS_CACHE_SECONDS: positiveInt.default(600),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  SEED_DEMO_DATA: bool.optional(),
  RATE_LIMIT_PER_MINUTE: positiveInt.default(600),
  RATE_LIMIT_AUTH_PER_MINUTE: positiveInt.default(10),
  LOGIN_MAX_FAILURES: positiveInt.default(5),
  LOGIN_MAX_FAILURES_PER_IP: positiveInt.default(50),
  LOGIN_FAILURE_WINDOW_MINUTES: positiveInt.default(15),
  TRUST_PROXY: bool.default(false),
  CORS_ORIGINS: z.string().default(''),
  BODY_LIMIT_BYTES: positiveInt.default(1_048_576),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
  STARTUP_WAIT_SECONDS: z.coerce.number().int().min(0).default(30),
  SHOP_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD').default('USD'),
  CATALOG_CACHE_SECONDS: z.coerce.number().int().min(0).default(5),
  GATEWAY_CACHE_ENTRIES: z.coerce.number().int().min(0).default(10_000),
  RESERVATION_TTL_SECONDS: positiveInt.default(900),
  RESERVATION_SWEEP_MS: positiveInt.default(5_000),
  LOW_STOCK_THRESHOLD: z.coerce.number().int().min(0).default(5),
  CART_TTL_DAYS: positiveInt.default(30),
  CART_CHECKOUT_HOLD_SECONDS: positiveInt.default(600),
  ORDER_STEP_TIMEOUT_SECONDS: positiveInt.default(30),
  ORDER_SWEEP_MS: positiveInt.default(1_000),
  RETURN_WINDOW_DAYS: positiveInt.default(30),
  PAYMENT_PROVIDER: z.enum(['simulator', 'stripe']).default('simulator'),
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  STRIPE_API_URL: z.url().optional(),
  SIMULATOR_WEBHOOK_SECRET: z.string().min(16).default('whsec_emporium_simulator_test_mode'),
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().min(3).default('Emporium <no-reply@emporium.local>'),
  MAIL_MAX_ATTEMPTS: positiveInt.default(6),
  MAIL_RETRY_DELAYS_MS: csvOfPositiveInts.default([1_000, 5_000, 30_000, 120_000, 600_000]),
})

/** `<SERVICE>_PORT` (where it listens when it runs alone) and `<SERVICE>_URL` (where others reach it). */
const ServiceEnvSchema = z.object(
  Object.fromEntries(
    SERVICE_NAMES.flatMap((name) => [
      [`${name.toUpperCase()}_PORT`, port.default(DEFAULT_SERVICE_PORTS[name])],
      [`${name.toUpperCase()}_URL`, z.url().optional()],
    ]),
  ) as Record<string, z.ZodType<number | string | undefined>>,
)

type Env = z.infer<typeof EnvSchema>

export interface Config {
  env: Env['NODE_ENV']
  logLevel: Env['LOG_LEVEL']
  /** Set by the launcher from EMPORIUM_MODE or from how it was started. */
  mode: 'embedded' | 'distributed'
  host: string
  port: number
  dataDir: string
  database: { url: string; prefix: string; poolSize: number }
  amqp: { url: string; prefix: string }
  redis: { url: string; prefix: string }
  bus: { maxAttempts: number; retryDelaysMs: number[] }
  auth: {
    issuer: string
    accessTokenTtlSeconds: number
    refreshTokenTtlDays: number
    signingKeyRotationDays: number
    jwksCacheSeconds: number
  }
  admin: { email: string; password: string } | undefined
  seedDemoData: boolean
  rateLimit: { perMinute: number; authPerMinute: number }
  login: { maxFailures: number; maxFailuresPerIp: number; windowMinutes: number }
  trustProxy: boolean
  corsOrigins: string[]
  bodyLimitBytes: number
  shutdownTimeoutMs: number
  /** Distributed mode: how long a process waits for PostgreSQL and RabbitMQ at start. */
  startupWaitSeconds: number
  /** The one currency prices are set and charged in. */
  currency: string
  /** Public catalog answers: `Cache-Control: public, max-age` and how long a catalog process reuses a computed answer. */
  catalog: { cacheSeconds: number }
  /** How many public answers the gateway keeps (0 turns its cache off). */
  gatewayCacheEntries: number
  inventory: { reservationTtlSeconds: number; sweepIntervalMs: number; lowStockThreshold: number }
  /** Carts idle this long are forgotten. How long an order's checkout may hold the cart at most (it lets go once the order settles). */
  cart: { ttlDays: number; checkoutHoldSeconds: number }
  /** The checkout saga: how long each step may take before it is compensated, how often that is looked at, and the return window. */
  order: { stepTimeoutSeconds: number; sweepIntervalMs: number; returnWindowDays: number }
  payment: {
    provider: 'simulator' | 'stripe'
    /** Signs the simulator's webhooks, the way a processor's test mode does. */
    simulatorWebhookSecret: string
    stripe: { secretKey: string; webhookSecret: string; apiUrl: string | undefined } | undefined
  }
  /** Without an SMTP URL, messages are kept in the notification service and read over its API. */
  mail: { smtpUrl: string | undefined; from: string; maxAttempts: number; retryDelaysMs: number[] }
  services: Record<ServiceName, { port: number; url: string }>
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/**
 * Parses the environment once, at start. Nothing else reads process.env.
 * Empty strings count as unset, so `.env.example` can list every variable blank.
 */
export function loadConfig(
  source: Record<string, string | undefined>,
  defaults: { mode: Config['mode'] } = { mode: 'embedded' },
): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = EnvSchema.safeParse(cleaned)
  const parsedServices = ServiceEnvSchema.safeParse(cleaned)
  const issues = [...(parsed.error?.issues ?? []), ...(parsedServices.error?.issues ?? [])]
  if (!parsed.success || !parsedServices.success || issues.length > 0) {
    throw new ConfigError(issues.map((i) => `${i.path.join('.')}: ${i.message}`))
  }
  const e = parsed.data
  const se = parsedServices.data
  if ((e.ADMIN_EMAIL === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError(['ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither'])
  }
  if (e.PAYMENT_PROVIDER === 'stripe' && (!e.STRIPE_SECRET_KEY || !e.STRIPE_WEBHOOK_SECRET)) {
    throw new ConfigError(['PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET'])
  }
  const mode = e.EMPORIUM_MODE ?? defaults.mode
  const services = Object.fromEntries(
    SERVICE_NAMES.map((name) => {
      const p = se[`${name.toUpperCase()}_PORT`] as number
      const url = (se[`${name.toUpperCase()}_URL`] as string | undefined) ?? `http://127.0.0.1:${p}`
      return [name, { port: p, url: url.replace(/\/$/, '') }]
    }),
  ) as Config['services']
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    mode,
    host: e.HOST,
    port: e.PORT,
    dataDir: e.DATA_DIR,
    database: { url: e.DATABASE_URL, prefix: e.DATABASE_PREFIX, poolSize: e.DATABASE_POOL_SIZE },
    amqp: { url: e.AMQP_URL, prefix: e.AMQP_PREFIX },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    bus: {
      maxAttempts: e.BUS_MAX_ATTEMPTS,
      retryDelaysMs: e.BUS_RETRY_DELAYS_MS,
    },
    auth: {
      issuer: e.JWT_ISSUER,
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
      signingKeyRotationDays: e.SIGNING_KEY_ROTATION_DAYS,
      jwksCacheSeconds: e.JWKS_CACHE_SECONDS,
    },
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined,
    seedDemoData: e.SEED_DEMO_DATA ?? mode === 'embedded',
    rateLimit: { perMinute: e.RATE_LIMIT_PER_MINUTE, authPerMinute: e.RATE_LIMIT_AUTH_PER_MINUTE },
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
      windowMinutes: e.LOGIN_FAILURE_WINDOW_MINUTES,
    },
    trustProxy: e.TRUST_PROXY,
    corsOrigins: e.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    startupWaitSeconds: e.STARTUP_WAIT_SECONDS,
    currency: e.SHOP_CURRENCY,
    catalog: { cacheSeconds: e.CATALOG_CACHE_SECONDS },
    gatewayCacheEntries: e.GATEWAY_CACHE_ENTRIES,
    inventory: {
      reservationTtlSeconds: e.RESERVATION_TTL_SECONDS,
      sweepIntervalMs: e.RESERVATION_SWEEP_MS,
      lowStockThreshold: e.LOW_STOCK_THRESHOLD,
    },
    cart: { ttlDays: e.CART_TTL_DAYS, checkoutHoldSeconds: e.CART_CHECKOUT_HOLD_SECONDS },
    order: { stepTimeoutSeconds: e.ORDER_STEP_TIMEOUT_SECONDS, sweepIntervalMs: e.ORDER_SWEEP_MS, returnWindowDays: e.RETURN_WINDOW_DAYS },
    payment: {
      provider: e.PAYMENT_PROVIDER,
      simulatorWebhookSecret: e.SIMULATOR_WEBHOOK_SECRET,
      stripe:
        e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
          ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, apiUrl: e.STRIPE_API_URL }
          : undefined,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, maxAttempts: e.MAIL_MAX_ATTEMPTS, retryDelaysMs: e.MAIL_RETRY_DELAYS_MS },
    services,
  }
}

/** Every variable the configuration reads (`.env.example` must list each one). */
export const CONFIG_VARIABLES: readonly string[] = [...Object.keys(EnvSchema.shape), ...Object.keys(ServiceEnvSchema.shape)]
