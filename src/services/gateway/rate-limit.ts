import type { FastifyReply } from 'fastify'
import { TooManyRequests } from '../../platform/errors.ts'
import type { Kv } from '../../platform/kv/kv.ts'
import type { Logger } from '../../platform/log.ts'

/** How a route is limited: `auth` per IP at the auth limit, `client` per caller, `none` not at all. */
export type LimitPolicy = 'auth' | 'client' | 'none'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The gateway's rate limit for this route, when not the default for its path. */
    gatewayLimit?: LimitPolicy
    /** The service a gateway route forwards to. */
    upstream?: string
  }
}

export interface RateLimits {
  perMinute: number
  authPerMinute: number
}

export interface RateLimiter {
  /**
   * Counts one request of `client` under `policy`, sets the RateLimit-* headers and throws
   * TooManyRequests past the limit. With the kv down it lets the request through.
   */
  enforce(reply: FastifyReply, policy: 'auth' | 'client', client: string): Promise<void>
}

const WINDOW_MS = 60_000
const WARN_EVERY_MS = 10_000

/**
 * Fixed 60 s windows counted in the kv (`incr` starts the window on the first hit), so every
 * gateway replica on the same Redis shares the same counts.
 */
export function createRateLimiter(kv: Kv, limits: RateLimits, log: Logger): RateLimiter {
  const policies = {
    auth: { limit: limits.authPerMinute, header: String(limits.authPerMinute), prefix: 'gateway:rl:auth:' },
    client: { limit: limits.perMinute, header: String(limits.perMinute), prefix: 'gateway:rl:client:' },
  }
  let lastWarning = 0

  return {
    async enforce(reply, policyName, client) {
      const policy = policies[policyName]
      let count: number
      let ttlMs: number
      try {
        ;({ count, ttlMs } = await kv.incr(policy.prefix + client, WINDOW_MS))
      } catch (err) {
        const now = Date.now()
        if (now - lastWarning > WARN_EVERY_MS) {
          lastWarning = now
          log.warn({ err }, 'rate limit store unavailable; letting requests through')
        }
        return
      }
      const reset = Math.max(1, Math.ceil(ttlMs / 1000))
      reply.header('ratelimit-limit', policy.header)
      reply.header('ratelimit-remaining', String(count >= policy.limit ? 0 : policy.limit - count))
      reply.header('ratelimit-reset', String(reset))
      if (count > policy.limit) {
        throw new TooManyRequests(`Too many requests. Try again in ${reset} seconds.`, reset, 'rate_limited')
      }
    },
  }
}
