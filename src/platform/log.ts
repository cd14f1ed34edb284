import { type DestinationStream, pino, type Logger } from 'pino'
import type { Config } from './config.ts'
import { currentContext } from './context.ts'

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

export function createLogger(
  config: Pick<Config, 'logLevel'>,
  base: Record<string, unknown> = {},
  destination: DestinationStream = process.stdout,
): Logger {
  return pino({
    level: config.logLevel,
    base: { ...base },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    // Every line logged while handling a request or a message names the chain it belongs to.
    mixin: () => {
      const context = currentContext()
      return context ? { correlationId: context.correlationId } : {}
    },
  }, destination)
}
