import { paragraphs, type Rendered } from './notification.format.ts'

/** Pure rendering of the account messages a person receives. No I/O. */

export type { Rendered } from './notification.format.ts'
export { renderOrderCancelled, renderOrderConfirmed, renderOrderDelivered, renderOrderShipped } from './order.templates.ts'
export { renderPaymentRefunded } from './payment.templates.ts'
export { renderLowStock } from './stock.templates.ts'

export function renderWelcome(p: { firstName: string }): Rendered {
  return {
    template: 'welcome',
    subject: 'Welcome to Emporium',
    body: `Hello ${p.firstName},\n\nThank you for creating your Emporium account. Happy shopping!`,
  }
}

export function renderVerification(p: { firstName: string; code: string; expiresAt: string }): Rendered {
  return {
    template: 'email_verification',
    subject: 'Your Emporium verification code',
    body: `Hello ${p.firstName},\n\nYour verification code is ${p.code}. It expires at ${p.expiresAt} (UTC).`,
  }
}

export function renderPasswordReset(p: { firstName: string; code: string; expiresAt: string }): Rendered {
  return {
    template: 'password_reset',
    subject: 'Reset your Emporium password',
    body: paragraphs(
      `Hello ${p.firstName},`,
      `Your password reset code is ${p.code}. It expires at ${p.expiresAt} (UTC).\nIf you did not ask for it, ignore this message: your password is unchanged.`,
    ),
  }
}
