import { afterAll, describe, expect, it } from 'vitest'
import { freePort, waitForReady } from '../support/http.ts'
import { dropDatabasesWithPrefix, uniqueDatabasePrefix } from '../support/postgres.ts'
import { type Started, startEmporium } from '../support/process.ts'
import { createTestVhost, type TestVhost } from '../support/rabbitmq.ts'
import { createTestKeyPrefix } from '../support/redis.ts'
import { serverUrl, serversAvailable } from '../support/servers.ts'

const available = await serversAvailable('postgres', 'rabbitmq', 'redis')

describe.skipIf(!available)('distributed start-up order', () => {
  const dbPrefix = uniqueDatabasePrefix('order')
  const keys = createTestKeyPrefix('order')
  let vhost: TestVhost | undefined
  let identity: Started | undefined

  afterAll(async () => {
    await identity?.stop('SIGKILL')
    await dropDatabasesWithPrefix(dbPrefix)
    await vhost?.cleanup()
    await keys.cleanup()
  })

  it('when the broker comes up after the service, then the service waits for it instead of exiting', async () => {
    vhost = await createTestVhost('order')
    await vhost.drop()
    const port = await freePort()
    identity = startEmporium(['identity'], {
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: serverUrl('postgres'),
      DATABASE_PREFIX: dbPrefix,
      AMQP_URL: vhost.url,
      REDIS_URL: keys.url,
      REDIS_PREFIX: keys.prefix,
      IDENTITY_PORT: String(port),
      STARTUP_WAIT_SECONDS: '30',
    })
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(identity.child.exitCode).toBeNull()
    expect(identity.output()).toContain('RabbitMQ cannot be reached yet')

    await vhost.restore()
    await waitForReady(`http://127.0.0.1:${port}/health/ready`, 20_000)
    expect(await identity.stop('SIGTERM')).toBe(0)
  }, 45_000)
})
