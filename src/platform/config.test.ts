import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.ts'

describe('configuration', () => {
  it('when nothing is set, then the embedded defaults apply', () => {
    const config = loadConfig({})
    expect(config.mode).toBe('embedded')
    expect(config.port).toBe(8080)
    expect(config.rateLimit).toEqual({ perMinute: 600, authPerMinute: 10 })
    expect(config.seedDemoData).toBe(true)
    expect(config.services.identity.url).toBe('http://127.0.0.1:8081')
  })

  it('when services are started by name, then the mode is distributed and demo data is off', () => {
    const config = loadConfig({}, { mode: 'distributed' })
    expect(config.mode).toBe('distributed')
    expect(config.seedDemoData).toBe(false)
  })

  it('when a variable is bad, then the error names it', () => {
    expect(() => loadConfig({ PORT: 'eighty', AMQP_URL: 'not a url' })).toThrowError(ConfigError)
    try {
      loadConfig({ PORT: 'eighty', IDENTITY_PORT: '-1' })
    } catch (err) {
      expect((err as Error).message).toContain('PORT')
      expect((err as Error).message).toContain('IDENTITY_PORT')
    }
  })

  it('when only one of ADMIN_EMAIL and ADMIN_PASSWORD is set, then start is refused', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@example.com' })).toThrowError(/ADMIN_EMAIL and ADMIN_PASSWORD/)
  })

  it('when a variable is blank, then it counts as unset', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '' }).port).toBe(8080)
  })

  it('parses lists and service addresses', () => {
    const config = loadConfig({ BUS_RETRY_DELAYS_MS: '10,20', CORS_ORIGINS: 'https://a.example, https://b.example', CATALOG_URL: 'http://catalog:8082/' })
    expect(config.bus.retryDelaysMs).toEqual([10, 20])
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example'])
    expect(config.services.catalog.url).toBe('http://catalog:8082')
  })

  it('.env.example lists every variable the configuration reads', () => {
    const listed = new Set(
      readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')
        .split('\n')
        .map((l) => /^([A-Z0-9_]+)=/.exec(l)?.[1])
        .filter(Boolean),
    )
    expect(CONFIG_VARIABLES.filter((v) => !listed.has(v))).toEqual([])
    expect([...listed].filter((v) => !CONFIG_VARIABLES.includes(v!))).toEqual([])
  })
})
