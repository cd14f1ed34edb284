import { pino, type Logger } from 'pino'
import type { Config } from './config.ts'

export type { Logger }

/** Secrets that must never reach a log line, wherever they appear in a logged object. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'password',
  'newPassword',
  'currentPassword',
  'refreshToken',
  'accessToken',
  'totp',
  'code',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.refreshToken',
  '*.accessToken',
  '*.passwordHash',
]

export function createLogger(config: Pick<Config, 'logLevel'>, base: Record<string, unknown> = {}): Logger {
  return pino({
    level: config.logLevel,
    base: { ...base },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  })
}
