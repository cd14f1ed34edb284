import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, freePort, waitForReady } from '../support/http.ts'
import { type Started, startEmporium } from '../support/process.ts'
import { type IsolatedServers, isolatedServers } from '../support/isolated.ts'
import { serverUrl, serversAvailable } from '../support/servers.ts'
import { walkRegisterToLogout } from './auth-walk.ts'

const available = await serversAvailable('postgres', 'rabbitmq', 'redis')

/** identity, notification and the gateway, each its own process, on PostgreSQL, RabbitMQ and Redis. */
describe.skipIf(!available)('distributed mode: one process per service', () => {
  let servers: IsolatedServers
  let processes: Record<string, Started> = {}
  let gateway: string

  beforeAll(async () => {
    servers = await isolatedServers('e2e')
    const ports = { gateway: await freePort(), identity: await freePort(), notification: await freePort() }
    const env = servers.env({
      PORT: String(ports.gateway),
      IDENTITY_PORT: String(ports.identity),
      NOTIFICATION_PORT: String(ports.notification),
      BUS_RETRY_DELAYS_MS: '50,100',
    })
    processes = {
      identity: startEmporium(['identity'], env),
      notification: startEmporium(['notification'], env),
      gateway: startEmporium(['gateway'], env),
    }
    gateway = `http://127.0.0.1:${ports.gateway}`
    await waitForReady(`${gateway}/health/ready`, 45_000).catch((err) => {
      const output = Object.entries(processes).map(([n, p]) => `--- ${n}\n${p.output()}`).join('\n')
      throw new Error(`${err.message}\n${output}`)
    })
  }, 60_000)

  afterAll(async () => {
    await Promise.all(Object.values(processes).map((p) => p.stop('SIGKILL')))
    await servers?.cleanup()
  })

  it('a new customer registers, logs in, reads their profile, refreshes, is protected from token replay and logs out', async () => {
    await walkRegisterToLogout(gateway)
  })

  it('each service keeps its own database', async () => {
    const dbPrefix = servers.env().DATABASE_PREFIX
    const pg = await import('pg')
    const c = new pg.default.Client({ connectionString: serverUrl('postgres') })
    await c.connect()
    const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY 1', [`${dbPrefix}\\_%`])
    await c.end()
    expect(rows.map((r) => r.datname)).toEqual([`${dbPrefix}_identity`, `${dbPrefix}_notification`])
  })

  it('the gateway aggregates readiness, and SIGTERM drains each process to a clean exit', async () => {
    const ready = await client(gateway).get('/health/ready')
    expect(ready.status).toBe(200)
    for (const name of ['gateway', 'notification', 'identity']) {
      expect(await processes[name]!.stop('SIGTERM')).toBe(0)
    }
  })
})
