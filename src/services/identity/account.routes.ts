import { bearerSecurity, requireUser, userOf } from '../../platform/auth.ts'
import type { App } from '../../platform/http.ts'
import { changePassword } from './change-password.ts'
import { disableTwoFactor } from './disable-two-factor.ts'
import { enableTwoFactor } from './enable-two-factor.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { ChangePasswordBody, CodeBody, NoContent, toUserDto, TwoFactorSetup, UpdateMeBody, UserDto } from './identity.dto.ts'
import { resendVerification } from './resend-verification.ts'
import { setupTwoFactor } from './setup-two-factor.ts'
import { updateProfile } from './update-profile.ts'
import { getUser } from './users.repo.ts'
import { verifyEmail } from './verify-email.ts'

const tags = ['account']
const guarded = { preHandler: requireUser }
const security = bearerSecurity

/** The signed-in user's own account: profile, password, email verification, 2FA. */
export function accountRoutes(app: App, deps: IdentityDeps): void {
  app.get(
    '/api/auth/me',
    { ...guarded, schema: { tags, summary: 'The caller', security, response: { 200: UserDto } } },
    async (req) => toUserDto(await getUser(deps.db, userOf(req).id)),
  )

  app.patch(
    '/api/auth/me',
    {
      ...guarded,
      schema: { tags, summary: 'Edit name and phone (role and email are refused)', security, body: UpdateMeBody, response: { 200: UserDto } },
    },
    async (req) => updateProfile(deps, userOf(req), req.body),
  )

  app.post(
    '/api/auth/change-password',
    {
      ...guarded,
      schema: {
        tags,
        summary: 'Change the password; every other session ends',
        description: '400 `wrong_password` when the current password is wrong, 400 `weak_password` for a weak new one.',
        security,
        body: ChangePasswordBody,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await changePassword(deps, userOf(req), req.body, req.ip)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/api/auth/verify-email',
    { ...guarded, schema: { tags, summary: 'Verify the email address with the emailed code', security, body: CodeBody, response: { 204: NoContent } } },
    async (req, reply) => {
      await verifyEmail(deps, userOf(req), req.body.code)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/api/auth/resend-verification',
    { ...guarded, schema: { tags, summary: 'Email a new verification code', security, response: { 204: NoContent } } },
    async (req, reply) => {
      await resendVerification(deps, userOf(req))
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/api/auth/2fa/setup',
    { ...guarded, schema: { tags, summary: 'Make a TOTP secret (not on until enabled)', security, response: { 200: TwoFactorSetup } } },
    async (req) => setupTwoFactor(deps, userOf(req)),
  )

  app.post(
    '/api/auth/2fa/enable',
    { ...guarded, schema: { tags, summary: 'Turn 2FA on with a current code', security, body: CodeBody, response: { 204: NoContent } } },
    async (req, reply) => {
      await enableTwoFactor(deps, userOf(req), req.body.code)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/api/auth/2fa/disable',
    { ...guarded, schema: { tags, summary: 'Turn 2FA off with a current code', security, body: CodeBody, response: { 204: NoContent } } },
    async (req, reply) => {
      await disableTwoFactor(deps, userOf(req), req.body.code)
      return reply.code(204).send(null)
    },
  )
}
