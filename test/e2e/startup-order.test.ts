import { afterAll, describe, expect, it } from 'vitest'
import { eventually } from '../support/eventually.ts'
import { freePort, waitForReady } from '../support/http.ts'
import { type Started, startEmporium } from '../support/process.ts'
import { type IsolatedServers, isolatedServers } from '../support/isolated.ts'
import { serversAvailable } from '../support/servers.ts'

const available = await serversAvailable('postgres', 'rabbitmq', 'redis')

describe.skipIf(!available)('distributed start-up order', () => {
  let servers: IsolatedServers | undefined
  let identity: Started | undefined

  afterAll(async () => {
    await identity?.stop('SIGKILL')
    await servers?.cleanup()
  })

  it('when the broker comes up after the service, then the service waits for it instead of exiting', async () => {
    servers = await isolatedServers('order')
    await servers.vhost.drop()
    const port = await freePort()
    identity = startEmporium(['identity'], servers.env({ IDENTITY_PORT: String(port), STARTUP_WAIT_SECONDS: '30' }))
    // However slowly the process starts, it says it is waiting, and keeps running.
    const started = identity
    await eventually(async () => started.output().includes('RabbitMQ cannot be reached yet'), 20_000, 'the waiting message')
    expect(identity.child.exitCode).toBeNull()

    await servers.vhost.restore()
    await waitForReady(`http://127.0.0.1:${port}/health/ready`, 20_000)
    expect(await identity.stop('SIGTERM')).toBe(0)
  }, 60_000)

  it('a gateway-only process needs neither the broker nor the database', async () => {
    const port = await freePort()
    const closed = await freePort()
    const gateway = startEmporium(['gateway'], {
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      AMQP_URL: `amqp://guest:guest@127.0.0.1:${closed}`,
      DATABASE_URL: `postgres://postgres@127.0.0.1:${closed}/postgres`,
      STARTUP_WAIT_SECONDS: '0',
    })
    try {
      await waitForReady(`http://127.0.0.1:${port}/health/live`, 20_000)
      expect(gateway.child.exitCode).toBeNull()
    } finally {
      expect(await gateway.stop('SIGTERM')).toBe(0)
    }
  }, 30_000)
})
