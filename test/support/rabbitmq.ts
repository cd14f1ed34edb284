import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { serverUrl } from './servers.ts'

const run = promisify(execFile)

export interface TestVhost {
  vhost: string
  /** The broker URL with this vhost (URL-encoded). */
  url: string
  /** Closes every client connection to this vhost from the broker side, as a broker restart would. */
  closeConnections(): Promise<void>
  /** The queues in this vhost, with their type and arguments. */
  listQueues(): Promise<QueueInfo[]>
  /** Deletes the vhost now, as a broker that lost its definitions; `restore()` creates it again, empty. */
  drop(): Promise<void>
  restore(): Promise<void>
  /** Deletes the vhost with everything in it. */
  cleanup(): Promise<void>
}

export interface QueueInfo {
  name: string
  type: string
  arguments: Record<string, unknown>
}

interface Admin {
  addVhost(vhost: string, user: string): Promise<void>
  deleteVhost(vhost: string): Promise<void>
  closeConnections(vhost: string): Promise<void>
  listQueues(vhost: string): Promise<QueueInfo[]>
}

let admin: Promise<Admin> | undefined

/**
 * A fresh vhost for one test. Uses the management HTTP API when it answers (a broker container
 * in CI; TEST_RABBITMQ_MANAGEMENT_URL overrides where), otherwise `rabbitmqctl` on this machine.
 */
export async function createTestVhost(label = 'test'): Promise<TestVhost> {
  const base = new URL(serverUrl('rabbitmq'))
  const user = decodeURIComponent(base.username || 'guest')
  const vhost = `emporium-${label}-${randomBytes(5).toString('hex')}`
  const tool = await (admin ??= chooseAdmin(base))
  await tool.addVhost(vhost, user)
  const url = new URL(base)
  url.pathname = `/${encodeURIComponent(vhost)}`
  return {
    vhost,
    url: url.toString(),
    closeConnections: () => tool.closeConnections(vhost),
    listQueues: () => tool.listQueues(vhost),
    drop: () => tool.deleteVhost(vhost),
    restore: () => tool.addVhost(vhost, user),
    cleanup: () => tool.deleteVhost(vhost),
  }
}

async function chooseAdmin(amqp: URL): Promise<Admin> {
  const management = new URL(process.env.TEST_RABBITMQ_MANAGEMENT_URL || `http://${amqp.hostname}:15672`)
  const user = decodeURIComponent(amqp.username || 'guest')
  const password = decodeURIComponent(amqp.password || 'guest')
  const http = httpAdmin(management, user, password)
  try {
    const res = await fetch(new URL('/api/overview', management), { headers: http.headers, signal: AbortSignal.timeout(1000) })
    if (res.ok) return http
  } catch {
    // Not answering: the plugin is not enabled here.
  }
  return ctlAdmin
}

const ctlAdmin: Admin = {
  async addVhost(vhost, user) {
    await ctl('add_vhost', vhost)
    await ctl('set_permissions', '-p', vhost, user, '.*', '.*', '.*')
  },
  async deleteVhost(vhost) {
    try {
      await ctl('delete_vhost', vhost)
    } catch (err) {
      if (!/does not exist/.test((err as Error).message)) throw err
    }
  },
  async closeConnections(vhost) {
    await ctl('close_all_connections', '-p', vhost, 'test: connection dropped on purpose')
  },
  async listQueues(vhost) {
    const out = await ctl('list_queues', '-p', vhost, 'name', 'type', 'arguments', '--formatter', 'json')
    const rows = JSON.parse(out) as Array<{ name: string; type: string; arguments: Array<[string, string, unknown]> }>
    return rows.map((r) => ({ name: r.name, type: r.type, arguments: Object.fromEntries(r.arguments.map(([k, , v]) => [k, v])) }))
  },
}

async function ctl(...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('rabbitmqctl', ['--quiet', ...args], { timeout: 30_000 })
    return stdout
  } catch (err) {
    const e = err as { code?: string; stdout?: string; stderr?: string; message: string }
    if (e.code === 'ENOENT') {
      throw new Error('Neither the RabbitMQ management API nor rabbitmqctl is available to create test vhosts.')
    }
    throw new Error(`rabbitmqctl ${args[0]} failed: ${e.stderr?.trim() || e.stdout?.trim() || e.message}`)
  }
}

function httpAdmin(base: URL, user: string, password: string): Admin & { headers: Record<string, string> } {
  const headers = {
    authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    'content-type': 'application/json',
  }
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const res = await fetch(new URL(path, base), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    if (!res.ok && res.status !== 404) throw new Error(`RabbitMQ management ${method} ${path}: ${res.status} ${await res.text()}`)
    return res
  }
  return {
    headers,
    async addVhost(vhost, vhostUser) {
      await call('PUT', `/api/vhosts/${encodeURIComponent(vhost)}`, {})
      await call('PUT', `/api/permissions/${encodeURIComponent(vhost)}/${encodeURIComponent(vhostUser)}`, {
        configure: '.*',
        write: '.*',
        read: '.*',
      })
    },
    async deleteVhost(vhost) {
      await call('DELETE', `/api/vhosts/${encodeURIComponent(vhost)}`)
    },
    async closeConnections(vhost) {
      // The API lists connections with a delay of a few seconds: wait until it shows some.
      const deadline = Date.now() + 15_000
      for (;;) {
        const res = await call('GET', `/api/vhosts/${encodeURIComponent(vhost)}/connections`)
        const list = res.ok ? ((await res.json()) as Array<{ name: string }>) : []
        if (list.length > 0) {
          await Promise.all(list.map((c) => call('DELETE', `/api/connections/${encodeURIComponent(c.name)}`)))
          return
        }
        if (Date.now() > deadline) throw new Error(`No connections to ${vhost} listed by the management API`)
        await new Promise((r) => setTimeout(r, 250))
      }
    },
    async listQueues(vhost) {
      const res = await call('GET', `/api/queues/${encodeURIComponent(vhost)}`)
      const rows = res.ok ? ((await res.json()) as Array<{ name: string; type: string; arguments: Record<string, unknown> }>) : []
      return rows.map((r) => ({ name: r.name, type: r.type, arguments: r.arguments }))
    },
  }
}
