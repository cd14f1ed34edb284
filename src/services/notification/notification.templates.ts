/** Pure rendering of the messages a person receives. No I/O. */
export interface Rendered {
  template: string
  subject: string
  body: string
}

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
    body: `Hello ${p.firstName},\n\nYour password reset code is ${p.code}. It expires at ${p.expiresAt} (UTC).\nIf you did not ask for it, ignore this message: your password is unchanged.`,
  }
}
