import { z } from 'zod'
import { defineMessage } from './message.ts'

const UserRef = {
  userId: z.uuid(),
  email: z.email(),
  firstName: z.string(),
}

/** A customer signed up (or an admin was created at start). */
export const userRegistered = defineMessage(
  'user.registered',
  z.object({ ...UserRef, lastName: z.string(), role: z.enum(['customer', 'admin']) }),
)

/** A verification code was issued; the notification service delivers it. */
export const userVerificationRequested = defineMessage(
  'user.verification_requested',
  z.object({ ...UserRef, code: z.string().regex(/^\d{6}$/), expiresAt: z.iso.datetime() }),
)

/** A password reset code was issued; the notification service delivers it. */
export const userPasswordResetRequested = defineMessage(
  'user.password_reset_requested',
  z.object({ ...UserRef, code: z.string().regex(/^\d{6}$/), expiresAt: z.iso.datetime() }),
)
