import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../support/eventually.ts'
import { client, freePort, waitForReady } from '../support/http.ts'
import { type Started, startEmporium } from '../support/process.ts'
import { type IsolatedServers, isolatedServers } from '../support/isolated.ts'
import { serverUrl, serversAvailable } from '../support/servers.ts'
import { walkRegisterToLogout } from './auth-walk.ts'
import { PROCESS_NAMES } from '../../src/launch.ts'

const available = await serversAvailable('postgres', 'rabbitmq', 'redis')

/** Every service in this build, and the gateway. */
const NAMES = PROCESS_NAMES
const ADMIN = { email: 'e2e-admin@example.com', password: 'E2eAdmin1234' }

/** Every service and the gateway, each its own process, on PostgreSQL, RabbitMQ and Redis. */
describe.skipIf(!available)('distributed mode: one process per service', () => {
  let servers: IsolatedServers
  let processes: Record<string, Started> = {}
  let gateway: string

  beforeAll(async () => {
    servers = await isolatedServers('e2e')
    const ports: Record<string, string> = {}
    for (const name of NAMES) ports[name === 'gateway' ? 'PORT' : `${name.toUpperCase()}_PORT`] = String(await freePort())
    const env = servers.env({ ...ports, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, CATALOG_CACHE_SECONDS: '0', BUS_RETRY_DELAYS_MS: '50,100' })
    processes = Object.fromEntries(NAMES.map((name) => [name, startEmporium([name], env)]))
    gateway = `http://127.0.0.1:${ports.PORT}`
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

  it('an admin creates a product with opening stock; shoppers see its availability, follow an adjustment, and find it with a typo', async () => {
    const c = client(gateway)
    const token = (await c.post('/api/auth/login', ADMIN)).body.accessToken as string
    const category = await c.post('/api/categories', { name: 'Herbal Teas' }, { token })
    expect(category.status).toBe(201)
    const created = await c.post(
      '/api/products',
      {
        name: 'Chamomile Bedtime Tea',
        brand: 'Quiet Meadow',
        description: 'Loose chamomile flowers for a calm evening.',
        categoryId: category.body.id,
        status: 'active',
        images: [],
        options: [{ name: 'size', values: ['20 bags', '40 bags'] }],
        variants: [
          { sku: 'E2E-TEA-20', title: '20 bags', options: { size: '20 bags' }, price: { amount: 499, currency: 'USD' }, weightGrams: 60, initialStock: 7 },
          { sku: 'E2E-TEA-40', title: '40 bags', options: { size: '40 bags' }, price: { amount: 899, currency: 'USD' }, weightGrams: 110, initialStock: 0 },
        ],
      },
      { token },
    )
    expect(created.status).toBe(201)
    const id = created.body.id as string

    const availability = async () => {
      const res = await c.get(`/api/products/${id}`)
      return Object.fromEntries((res.body.variants as Array<{ sku: string; available: number }>).map((v) => [v.sku, v.available]))
    }
    await eventually(async () => (await availability())['E2E-TEA-20'] === 7, 15_000, 'opening stock in the catalog')
    expect((await availability())['E2E-TEA-40']).toBe(0)
    expect((await c.get('/api/inventory/E2E-TEA-20')).body).toEqual({ sku: 'E2E-TEA-20', available: 7 })

    const adjusted = await c.post('/api/inventory/E2E-TEA-40/adjustments', { delta: 12, reason: 'received' }, { token })
    expect(adjusted.status).toBe(200)
    await eventually(async () => (await availability())['E2E-TEA-40'] === 12, 15_000, 'the adjustment in the catalog')

    const found = await c.get('/api/products?q=camomile&inStock=true')
    expect(found.body.items.map((p: { id: string }) => p.id)).toContain(id)
  })

  it('each service keeps its own database', async () => {
    const dbPrefix = servers.env().DATABASE_PREFIX
    const pg = await import('pg')
    const c = new pg.default.Client({ connectionString: serverUrl('postgres') })
    await c.connect()
    const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY 1', [`${dbPrefix}\\_%`])
    await c.end()
    expect(rows.map((r) => r.datname)).toEqual(NAMES.filter((n) => n !== 'gateway').sort().map((n) => `${dbPrefix}_${n}`))
  })

  it('the gateway aggregates readiness, and SIGTERM drains each process to a clean exit', async () => {
    const ready = await client(gateway).get('/health/ready')
    expect(ready.status).toBe(200)
    for (const name of [...NAMES].reverse()) {
      expect(await processes[name]!.stop('SIGTERM')).toBe(0)
    }
  })
})
