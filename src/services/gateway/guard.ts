import type { FastifyReply, FastifyRequest } from 'fastify'
import { type AuthUser, bearerToken, type TokenVerifier } from '../../platform/auth.ts'
import type { App } from '../../platform/http.ts'
import type { LimitPolicy, RateLimiter } from './rate-limit.ts'

/** Operational routes: never limited, no token looked at. */
const UNGUARDED = new Set(['/health/live', '/health/ready', '/metrics'])

/** The limit a request falls under, from its matched route (unmatched paths count as `client`). */
export function limitPolicyOf(routeUrl: string | undefined, config: { gatewayLimit?: LimitPolicy } | undefined): LimitPolicy {
  if (config?.gatewayLimit !== undefined) return config.gatewayLimit
  if (routeUrl === undefined) return 'client'
  if (UNGUARDED.has(routeUrl) || routeUrl === '/docs' || routeUrl.startsWith('/docs/')) return 'none'
  return 'client'
}

/**
 * First thing on every request: verifies a bearer token when one is sent (its `sub` becomes
 * the rate-limit key), counts the request, then refuses it if it is over the limit (429) or
 * its token is bad (401) — counted first, so a flood of bad tokens is limited per IP too.
 */
export function registerGuard(app: App, deps: { tokens: TokenVerifier; limiter: RateLimiter }): void {
  const { tokens, limiter } = deps
  app.addHook('onRequest', async function guard(req: FastifyRequest, reply: FastifyReply) {
    const route = req.routeOptions
    const policy = limitPolicyOf(route.url, route.config)
    if (policy === 'none') return

    let user: AuthUser | undefined
    let refusal: unknown
    if (req.headers.authorization !== undefined) {
      try {
        const token = bearerToken(req)
        if (token !== undefined) user = await tokens.verify(token)
      } catch (err) {
        refusal = err
      }
    }
    // Auth endpoints: one count per endpoint and IP. Everything else: per caller, else per IP.
    const client = policy === 'auth' ? `${route.url}:${req.ip}` : user !== undefined ? user.id : req.ip
    await limiter.enforce(reply, policy, client)
    if (refusal !== undefined) throw refusal
    if (user !== undefined) req.user = user
  })
}
