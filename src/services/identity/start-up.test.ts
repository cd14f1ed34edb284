import { Writable } from 'node:stream'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { identity } from './index.ts'
import { ADMIN, login, registerUser, type Tokens } from './identity.test-kit.ts'

describe('identity start-up', () => {
  let services: TestServices | undefined
  afterEach(async () => {
    await services?.stop()
    services = undefined
  })

  async function registeredEvents(s: TestServices): Promise<string[]> {
    const { rows } = await s.pglite.query<{ email: string }>(
      `SELECT envelope->'payload'->>'email' AS email FROM identity.outbox WHERE type = 'user.registered'`,
    )
    return rows.map((r) => r.email)
  }

  it('when the embedded mode starts without ADMIN_EMAIL, then the demo admin exists and user.registered was emitted', async () => {
    services = await startTestServices(['identity', 'notification'])
    const res = await login(services, ADMIN.email, ADMIN.password)
    expect(res.statusCode).toBe(200)
    expect(res.json<Tokens>().user).toMatchObject({ role: 'admin', emailVerified: true })
    expect(await registeredEvents(services)).toContain(ADMIN.email)
    expect((await login(services, 'shopper@emporium.local', 'Shopper123!')).statusCode).toBe(401)
  })

  it('when the demo admin is created, then the log names its email and password', async () => {
    services = await startTestServices(['identity', 'notification'])
    const ctx = services.get('identity').ctx
    await services.pglite.query(`DELETE FROM identity.users WHERE email = $1`, [ADMIN.email])
    const lines: string[] = []
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    const stop = await identity.start?.({ ...ctx, log: pino({ level: 'info' }, sink) })
    await stop?.()
    expect(lines.some((l) => l.includes(ADMIN.email) && l.includes(ADMIN.password))).toBe(true)
  })

  it('when SEED_DEMO_DATA is true, then the demo shopper Sam Shopper can log in', async () => {
    services = await startTestServices(['identity', 'notification'], { env: { SEED_DEMO_DATA: 'true' } })
    const res = await login(services, 'shopper@emporium.local', 'Shopper123!')
    expect(res.statusCode).toBe(200)
    expect(res.json<Tokens>().user).toMatchObject({ firstName: 'Sam', lastName: 'Shopper', role: 'customer' })
  })

  it('when ADMIN_EMAIL and ADMIN_PASSWORD are set, then that admin is created instead of the demo admin', async () => {
    services = await startTestServices(['identity', 'notification'], { env: { ADMIN_EMAIL: 'Boss@Example.com', ADMIN_PASSWORD: 'B0ssPassword' } })
    const res = await login(services, 'boss@example.com', 'B0ssPassword')
    expect(res.statusCode).toBe(200)
    expect(res.json<Tokens>().user.role).toBe('admin')
    expect((await login(services, ADMIN.email, ADMIN.password)).statusCode).toBe(401)
    expect(await registeredEvents(services)).toContain('boss@example.com')
  })

  it('when ADMIN_EMAIL names an existing user, then its password and role are reset at start', async () => {
    services = await startTestServices(['identity', 'notification'])
    const user = await registerUser(services)
    const ctx = services.get('identity').ctx
    const stop = await identity.start?.({ ...ctx, config: { ...ctx.config, admin: { email: user.email, password: 'Res3tByConfig' } } })
    await stop?.()
    expect((await login(services, user.email, user.password)).statusCode).toBe(401)
    const res = await login(services, user.email, 'Res3tByConfig')
    expect(res.statusCode).toBe(200)
    expect(res.json<Tokens>().user.role).toBe('admin')
  })

  it('when the distributed mode starts without ADMIN_EMAIL, then no demo admin is made', async () => {
    services = await startTestServices(['identity', 'notification'], { env: { EMPORIUM_MODE: 'distributed' } })
    expect((await login(services, ADMIN.email, ADMIN.password)).statusCode).toBe(401)
  })
})
