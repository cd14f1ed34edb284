import type { FastifyReply, FastifyRequest } from 'fastify'
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose'
import { z } from 'zod'
import { Forbidden, ServiceUnavailable, Unauthorized } from './errors.ts'

export const ROLES = ['customer', 'admin'] as const
export type Role = (typeof ROLES)[number]

export interface AuthUser {
  id: string
  role: Role
  email: string
  sessionId: string
}

declare module 'fastify' {
  interface FastifyRequest {
    user?: AuthUser
  }
  interface FastifyInstance {
    tokens: TokenVerifier
  }
}

const Claims = z.object({
  sub: z.uuid(),
  role: z.enum(ROLES),
  email: z.string(),
  sid: z.uuid(),
})

export interface TokenVerifier {
  /** Resolves the caller of a bearer token, or throws Unauthorized. */
  verify(token: string): Promise<AuthUser>
}

/**
 * Verifies EdDSA access tokens. `keys` is identity's JWKS: remote (cached, refetched on an
 * unknown `kid`) in every other service, local inside identity itself.
 */
export function createTokenVerifier(keys: JWTVerifyGetKey, issuer: string): TokenVerifier {
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keys, { issuer, algorithms: ['EdDSA'] })
        const claims = Claims.parse(payload)
        return { id: claims.sub, role: claims.role, email: claims.email, sessionId: claims.sid }
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) throw new Unauthorized('The access token has expired.', 'token_expired')
        // The keys could not be fetched: an outage, not a bad token, so the client keeps its session.
        if (err instanceof joseErrors.JWKSTimeout || !(err instanceof joseErrors.JOSEError || err instanceof z.ZodError)) {
          throw new ServiceUnavailable('Access tokens cannot be checked right now. Try again shortly.', 'auth_unavailable')
        }
        throw new Unauthorized('The access token is not valid.', 'invalid_token')
      }
    },
  }
}

/** A token with an unknown `kid` refetches the key set, at most this often. */
export const JWKS_REFETCH_COOLDOWN_MS = 5_000

export function remoteJwks(url: string, cacheSeconds: number): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(url), { cacheMaxAge: cacheSeconds * 1000, cooldownDuration: JWKS_REFETCH_COOLDOWN_MS })
}

export function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization
  if (!header) return undefined
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  if (!match) throw new Unauthorized('The Authorization header must be "Bearer <token>".', 'invalid_token')
  return match[1]
}

/** preHandler: the request needs a valid access token. */
export async function requireUser(req: FastifyRequest, _reply?: FastifyReply): Promise<void> {
  const token = bearerToken(req)
  if (!token) throw new Unauthorized()
  req.user = await req.server.tokens.verify(token)
}

/** preHandler: the request needs an admin's access token. */
export async function requireAdmin(req: FastifyRequest, reply?: FastifyReply): Promise<void> {
  await requireUser(req, reply)
  if (req.user?.role !== 'admin') throw new Forbidden('This needs the admin role.')
}

/** preHandler: a token is optional, but a bad one is still refused. */
export async function optionalUser(req: FastifyRequest): Promise<void> {
  const token = bearerToken(req)
  if (token) req.user = await req.server.tokens.verify(token)
}

/** The caller of a route guarded by requireUser/requireAdmin. */
export function userOf(req: FastifyRequest): AuthUser {
  if (!req.user) throw new Unauthorized()
  return req.user
}

/** OpenAPI fragment for guarded routes. */
export const bearerSecurity = [{ bearerAuth: [] }]
