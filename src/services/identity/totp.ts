import { Secret, TOTP } from 'otpauth'

const PERIOD_SECONDS = 30
const ISSUER = 'Emporium'

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) })
}

/** A new 160-bit secret, base32, and the otpauth:// URL an authenticator app scans. */
export function newTotpSecret(label: string): { secret: string; otpauthUrl: string } {
  const secret = new Secret({ size: 20 }).base32
  return { secret, otpauthUrl: totpFor(secret, label).toString() }
}

/** The time step a code belongs to (one step of drift either way), or undefined when it is wrong. */
export function matchTotp(secretBase32: string, code: string, now = Date.now()): number | undefined {
  const delta = totpFor(secretBase32, 'check').validate({ token: code, timestamp: now, window: 1 })
  if (delta === null) return undefined
  return Math.floor(now / 1000 / PERIOD_SECONDS) + delta
}
