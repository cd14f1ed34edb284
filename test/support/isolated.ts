import { dropDatabasesWithPrefix, uniqueDatabasePrefix } from './postgres.ts'
import { createTestVhost, type TestVhost } from './rabbitmq.ts'
import { createTestKeyPrefix } from './redis.ts'
import { serverUrl } from './servers.ts'

export interface IsolatedServers {
  vhost: TestVhost
  /** The environment that points a distributed process at this test's databases, vhost and keys. */
  env(extra?: Record<string, string>): Record<string, string>
  /** Drops the databases, the vhost and the keys. */
  cleanup(): Promise<void>
}

/** A database prefix, a RabbitMQ vhost and a Redis key prefix of their own, for distributed processes. */
export async function isolatedServers(label: string): Promise<IsolatedServers> {
  const dbPrefix = uniqueDatabasePrefix(label)
  const keys = createTestKeyPrefix(label)
  const vhost = await createTestVhost(label)
  return {
    vhost,
    env: (extra = {}) => ({
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: serverUrl('postgres'),
      DATABASE_PREFIX: dbPrefix,
      AMQP_URL: vhost.url,
      REDIS_URL: keys.url,
      REDIS_PREFIX: keys.prefix,
      ...extra,
    }),
    async cleanup() {
      await dropDatabasesWithPrefix(dbPrefix)
      await vhost.cleanup()
      await keys.cleanup()
    },
  }
}
