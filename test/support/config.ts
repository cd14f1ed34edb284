import { type Config, loadConfig } from '../../src/platform/config.ts'

/** A configuration for tests: quiet logs, fast retries, limits out of the way unless a test sets them. */
export function testConfig(overrides: Record<string, string> = {}, mode: Config['mode'] = 'embedded'): Config {
  return loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      PORT: '0',
      HOST: '127.0.0.1',
      BUS_RETRY_DELAYS_MS: '20,40,80',
      BUS_MAX_ATTEMPTS: '3',
      RATE_LIMIT_PER_MINUTE: '100000',
      RATE_LIMIT_AUTH_PER_MINUTE: '100000',
      SEED_DEMO_DATA: 'false',
      ...overrides,
    },
    { mode },
  )
}
