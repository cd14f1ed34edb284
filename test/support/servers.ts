import { Socket } from 'node:net'

/**
 * Integration suites talk to real PostgreSQL, RabbitMQ and Redis. Under CI=true a server that
 * does not answer fails the suite; elsewhere the suite is skipped with a visible warning.
 */
export type Server = 'postgres' | 'rabbitmq' | 'redis'

const ADDRESSES: Record<Server, { env: string; fallback: string }> = {
  postgres: { env: 'TEST_DATABASE_URL', fallback: 'postgres://postgres@127.0.0.1:5432/postgres' },
  rabbitmq: { env: 'TEST_AMQP_URL', fallback: 'amqp://guest:guest@127.0.0.1:5672' },
  redis: { env: 'TEST_REDIS_URL', fallback: 'redis://127.0.0.1:6379' },
}

export function serverUrl(server: Server): string {
  const { env, fallback } = ADDRESSES[server]
  return process.env[env] || fallback
}

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url)
  const defaultPort = url.startsWith('postgres') ? 5432 : url.startsWith('amqp') ? 5672 : 6379
  return new Promise((resolve) => {
    const socket = new Socket()
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(1000, () => done(false))
    socket.once('error', () => done(false))
    socket.connect(Number(port) || defaultPort, hostname.replace(/^\[|\]$/g, ''), () => done(true))
  })
}

/** True when every named server answers; see the module comment for what happens when one does not. */
export async function serversAvailable(...servers: Server[]): Promise<boolean> {
  const missing: Server[] = []
  for (const server of servers) if (!(await reachable(serverUrl(server)))) missing.push(server)
  if (missing.length === 0) return true
  const what = missing.map((s) => `${s} (${serverUrl(s)})`).join(', ')
  if (process.env.CI === 'true') throw new Error(`CI=true and ${what} cannot be reached: integration tests need it.`)
  console.warn(`\n⚠️  SKIPPING integration tests: ${what} cannot be reached. Set CI=true to make this a failure.\n`)
  return false
}
