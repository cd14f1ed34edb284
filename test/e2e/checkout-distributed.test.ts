import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROCESS_NAMES } from '../../src/launch.ts'
import { eventually } from '../support/eventually.ts'
import { client, freePort, waitForReady } from '../support/http.ts'
import { type IsolatedServers, isolatedServers } from '../support/isolated.ts'
import { type Started, startEmporium } from '../support/process.ts'
import { serverUrl, serversAvailable } from '../support/servers.ts'
import { addToCart, ADDRESS, CARDS, cheapestMethod, type Customer, listProduct, login, newCustomer, type OrderView, type Shop } from './checkout-kit.ts'

const available = await serversAvailable('postgres', 'rabbitmq', 'redis')
const ADMIN = { email: 'saga-admin@example.com', password: 'SagaAdmin1234' }

/** Runs `work` over `items`, at most `width` at a time. */
async function pooled<T, R>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++
        out[i] = await work(items[i]!, i)
      }
    }),
  )
  return out
}

/** Every service and the gateway as processes on PostgreSQL, RabbitMQ and Redis: the saga across real process boundaries. */
describe.skipIf(!available)('checkout, distributed: one process per service', () => {
  let servers: IsolatedServers
  let env: Record<string, string>
  const processes: Record<string, Started> = {}
  let shop: Shop
  let admin: string

  beforeAll(async () => {
    servers = await isolatedServers('saga')
    const ports: Record<string, string> = {}
    for (const name of PROCESS_NAMES) ports[name === 'gateway' ? 'PORT' : `${name.toUpperCase()}_PORT`] = String(await freePort())
    env = servers.env({
      ...ports,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      RATE_LIMIT_PER_MINUTE: '10000000',
      RATE_LIMIT_AUTH_PER_MINUTE: '10000000',
      BUS_RETRY_DELAYS_MS: '50,200,500',
      ORDER_STEP_TIMEOUT_SECONDS: '20',
    })
    for (const name of PROCESS_NAMES) processes[name] = startEmporium([name], env)
    shop = client(`http://127.0.0.1:${ports.PORT}`)
    await waitForReady(`http://127.0.0.1:${ports.PORT}/health/ready`, 60_000).catch((err) => {
      throw new Error(`${err.message}\n${Object.entries(processes).map(([n, p]) => `--- ${n}\n${p.output()}`).join('\n')}`)
    })
    admin = await login(shop, ADMIN)
  }, 90_000)

  afterAll(async () => {
    await Promise.all(Object.values(processes).map((p) => p.stop('SIGKILL')))
    await servers?.cleanup()
  })

  async function paymentDb<T extends pg.QueryResultRow>(query: string, params: unknown[]): Promise<T[]> {
    const url = new URL(serverUrl('postgres'))
    url.pathname = `/${env.DATABASE_PREFIX}_payment`
    const c = new pg.Client({ connectionString: url.toString() })
    await c.connect()
    try {
      return (await c.query<T>(query, params)).rows
    } finally {
      await c.end()
    }
  }

  /** What the card processor holds for these orders: charges per order and the amount captured. */
  async function chargesOf(orderIds: string[]): Promise<Map<string, { charges: number; captured: number }>> {
    const rows = await paymentDb<{ order_id: string; charges: number; captured: number }>(
      `SELECT metadata->>'orderId' AS order_id, count(*)::int AS charges, sum(captured_minor)::int AS captured
         FROM payment.simulator_charges WHERE metadata->>'orderId' = ANY($1::text[]) GROUP BY 1`,
      [orderIds],
    )
    return new Map(rows.map((r) => [r.order_id, { charges: r.charges, captured: r.captured }]))
  }

  async function ledgerOf(sku: string): Promise<{ onHand: number; reserved: number }> {
    let onHand = 0
    let reserved = 0
    for (let page = 1; ; page++) {
      const res = await shop.get(`/api/inventory/${sku}/movements?page=${page}&pageSize=100`, { token: admin })
      for (const m of res.body.items as Array<{ delta: number; reservedDelta: number }>) {
        onHand += m.delta
        reserved += m.reservedDelta
      }
      if (page * 100 >= res.body.total) return { onHand, reserved }
    }
  }

  async function levelOf(sku: string): Promise<{ onHand: number; reserved: number }> {
    const res = await shop.get(`/api/inventory?q=${sku}`, { token: admin })
    const level = res.body.items.find((l: { sku: string }) => l.sku === sku)
    return { onHand: level.onHand, reserved: level.reserved }
  }

  /** Places the customer's order, trying again with the same key while a service is away (503). */
  async function placeRetrying(customer: Customer, shippingMethodId: string): Promise<string> {
    const key = randomUUID()
    const body = {
      shippingAddress: ADDRESS,
      shippingMethodId,
      payment: { method: 'card', cardNumber: CARDS.ok, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' },
    }
    for (let attempt = 0; ; attempt++) {
      const res = await shop.post('/api/orders', body, { token: customer.token, headers: { 'idempotency-key': key } })
      if (res.status === 202) return res.body.id as string
      if (attempt > 200 || (res.status !== 503 && res.status !== 409)) throw new Error(`placing an order: ${res.status} ${res.text}`)
      await new Promise((r) => setTimeout(r, 150))
    }
  }

  async function settleAll(orders: Array<{ id: string; customer: Customer }>, timeoutMs: number): Promise<OrderView[]> {
    return pooled(orders, 10, ({ id, customer }) =>
      eventually(async () => {
        const res = await shop.get(`/api/orders/${id}`, { token: customer.token })
        return ['confirmed', 'cancelled'].includes(res.body?.status) ? (res.body as OrderView) : undefined
      }, timeoutMs, `order ${id} to settle`),
    )
  }

  it('100 customers racing for 10 units: exactly 10 orders confirmed, the ledger and the payments agree, no cancelled order is charged', async () => {
    const item = await listProduct(shop, admin, { stock: 10, price: 3100 })
    const customers = await pooled(Array.from({ length: 100 }), 10, () => newCustomer(shop))
    await pooled(customers, 10, (c) => addToCart(shop, c.token, item.variantId, 1))
    const method = await cheapestMethod(shop, [{ variantId: item.variantId, quantity: 1 }])

    const ids = await Promise.all(customers.map((c) => placeRetrying(c, method.methodId)))
    const orders = await settleAll(ids.map((id, i) => ({ id, customer: customers[i]! })), 60_000)

    const confirmed = orders.filter((o) => o.status === 'confirmed')
    const cancelled = orders.filter((o) => o.status === 'cancelled')
    expect(confirmed).toHaveLength(10)
    expect(cancelled.every((o) => o.cancellationReason === 'out_of_stock')).toBe(true)
    await eventually(async () => {
      const level = await levelOf(item.sku)
      return level.onHand === 0 && level.reserved === 0
    }, 20_000, 'all ten units sold, nothing left reserved')
    expect(await ledgerOf(item.sku)).toEqual({ onHand: 0, reserved: 0 })

    const charges = await eventually(async () => {
      const c = await chargesOf(ids)
      return [...c.values()].filter((x) => x.captured > 0).length === 10 ? c : undefined
    }, 20_000, 'ten captures')
    for (const o of confirmed) expect(charges.get(o.id)).toEqual({ charges: 1, captured: o.total.amount })
    for (const o of cancelled) expect(charges.get(o.id)).toBeUndefined()
  }, 180_000)

  it('kill -9 of the payment process in the middle of a 200-order run: every order settles, nobody is charged twice, and inventory reconciles', async () => {
    const item = await listProduct(shop, admin, { stock: 1000, price: 1800 })
    const customers = await pooled(Array.from({ length: 200 }), 10, () => newCustomer(shop))
    await pooled(customers, 10, (c) => addToCart(shop, c.token, item.variantId, 1))
    const method = await cheapestMethod(shop, [{ variantId: item.variantId, quantity: 1 }])

    let placed = 0
    let placedAtKill = 0
    const killed = (async () => {
      await eventually(async () => placed >= 60, 60_000, 'sixty orders placed')
      placedAtKill = placed
      await processes.payment!.stop('SIGKILL')
      await new Promise((r) => setTimeout(r, 1_000))
      processes.payment = startEmporium(['payment'], env)
    })()
    const ids = await pooled(customers, 10, async (c) => {
      const id = await placeRetrying(c, method.methodId)
      placed += 1
      return id
    })
    await killed
    expect(placedAtKill, 'the payment process died mid-run').toBeLessThan(150)
    const orders = await settleAll(ids.map((id, i) => ({ id, customer: customers[i]! })), 90_000)

    const confirmed = orders.filter((o) => o.status === 'confirmed')
    expect(confirmed.length + orders.filter((o) => o.status === 'cancelled').length).toBe(200)
    expect(confirmed.length).toBeGreaterThan(150)

    const charges = await eventually(async () => {
      const c = await chargesOf(ids)
      return confirmed.every((o) => (c.get(o.id)?.captured ?? 0) > 0) ? c : undefined
    }, 60_000, 'every confirmed order captured')
    for (const o of orders) {
      const charge = charges.get(o.id)
      if (o.status === 'confirmed') expect(charge, o.id).toEqual({ charges: 1, captured: o.total.amount })
      else expect(charge?.captured ?? 0, `${o.id} ${JSON.stringify(o)}`).toBe(0)
    }
    await eventually(async () => {
      const level = await levelOf(item.sku)
      return level.onHand === 1000 - confirmed.length && level.reserved === 0
    }, 30_000, 'stock reconciled with the confirmed orders')
    expect(await ledgerOf(item.sku)).toEqual({ onHand: 1000 - confirmed.length, reserved: 0 })
  }, 300_000)
})
