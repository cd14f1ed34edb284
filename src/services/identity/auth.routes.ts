import { z } from 'zod'
import { bearerSecurity, requireUser, userOf } from '../../platform/auth.ts'
import type { App } from '../../platform/http.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { AuthResult, ForgotPasswordBody, LoginBody, NoContent, RefreshBody, RegisterBody, ResetPasswordBody } from './identity.dto.ts'
import { forgotPassword } from './forgot-password.ts'
import { login } from './login.ts'
import { logout } from './logout.ts'
import { refreshSession } from './refresh-session.ts'
import { register } from './register.ts'
import { resetPassword } from './reset-password.ts'

const tags = ['auth']

/** Sign-up, login, tokens and password reset: the routes a client uses before it has a session. */
export function authRoutes(app: App, deps: IdentityDeps): void {
  app.post(
    '/api/auth/register',
    { schema: { tags, summary: 'Create a customer account and log in', body: RegisterBody, response: { 201: AuthResult } } },
    async (req, reply) => reply.code(201).send(await register(deps, req.body)),
  )

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary: 'Log in with email and password (and a TOTP code when 2FA is on)',
        description: '401 `invalid_credentials`, `totp_required`, `invalid_totp` or `account_disabled`; 429 after repeated failures.',
        body: LoginBody,
        response: { 200: AuthResult },
      },
    },
    async (req) => login(deps, req.body, req.ip),
  )

  app.post(
    '/api/auth/refresh',
    {
      schema: {
        tags,
        summary: 'Exchange a refresh token for a new token pair',
        description: 'Each refresh token works once; presenting a used one ends its whole session.',
        body: RefreshBody,
        response: { 200: AuthResult },
      },
    },
    async (req) => refreshSession(deps, req.body.refreshToken),
  )

  app.post(
    '/api/auth/logout',
    {
      preHandler: requireUser,
      schema: { tags, summary: 'End the session', security: bearerSecurity, body: RefreshBody, response: { 204: NoContent } },
    },
    async (req, reply) => {
      await logout(deps, userOf(req), req.body.refreshToken)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/api/auth/forgot-password',
    {
      schema: {
        tags,
        summary: 'Email a password reset code',
        description: 'Always 202, whether or not the address has an account.',
        body: ForgotPasswordBody,
        response: { 202: z.object({ message: z.string() }) },
      },
    },
    async (req, reply) => {
      await forgotPassword(deps, req.body.email)
      return reply.code(202).send({ message: 'If an account uses this address, a reset code is on its way.' })
    },
  )

  app.post(
    '/api/auth/reset-password',
    {
      schema: {
        tags,
        summary: 'Set a new password with an emailed reset code; ends every session',
        body: ResetPasswordBody,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await resetPassword(deps, req.body)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        tags,
        summary: 'The public keys that verify access tokens (current and previous)',
        response: {
          200: z.object({
            keys: z.array(z.object({ kty: z.string(), crv: z.string(), x: z.string(), kid: z.string(), alg: z.string(), use: z.string() })),
          }),
        },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', `public, max-age=${Math.min(300, deps.config.auth.jwksCacheSeconds)}`)
      return deps.keys.jwks()
    },
  )
}
