import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectMigrationMatchesDrizzle, type OnPostgres, startOnPostgres } from '../../../test/support/on-postgres.ts'
import { serversAvailable } from '../../../test/support/servers.ts'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { shipping } from './index.ts'
import { seedDefaultMethods } from './seed-methods.ts'
import { shippingDeps } from './shipping.deps.ts'
import * as tables from './shipping.tables.ts'
import { ADMIN_ENV, adminToken, call, cancelOrder, confirmOrder, type MethodView, newCustomer, type Services, type ShipmentView } from './shipping.test-kit.ts'

const available = await serversAvailable('postgres')

/**
 * Shipping on a real PostgreSQL, where transactions truly run at once: its migration matches the
 * Drizzle tables, an order ships once however many admins press the button, and the constraints hold.
 */
describe.skipIf(!available)('shipping on PostgreSQL', () => {
  let lite: TestServices
  let pgside: OnPostgres
  let pool: pg.Pool
  let admin: string
  let standardId: string
  const s: Services = { get: (name) => (name === 'shipping' ? pgside.running : lite.get('identity')) }

  beforeAll(async () => {
    lite = await startTestServices(['identity'], { env: ADMIN_ENV })
    pgside = await startOnPostgres(shipping, { env: ADMIN_ENV, urls: { identity: lite.get('identity').url }, poolSize: 20 })
    pool = new pg.Pool({ connectionString: pgside.database.url, max: 4 })
    admin = await adminToken(lite)
    const methods = (await call(s, 'GET', '/api/shipping/methods')).json<MethodView[]>()
    standardId = (methods.find((m) => m.name === 'Standard') as MethodView).id
  })

  afterAll(async () => {
    await pool?.end()
    await pgside?.stop()
    await lite?.stop()
  })

  async function eventsOf(type: string, orderIds: string[]): Promise<Array<Record<string, unknown>>> {
    const { rows } = await pool.query<{ payload: Record<string, unknown> }>(
      `SELECT envelope->'payload' AS payload FROM shipping.outbox WHERE type = $1 AND envelope->'payload'->>'orderId' = ANY($2::text[]) ORDER BY seq`,
      [type, orderIds],
    )
    return rows.map((r) => r.payload)
  }

  it('when the migration has run, then every table, column, index and constraint matches the Drizzle definitions', async () => {
    await expectMigrationMatchesDrizzle(pgside.database.url, 'shipping', [
      tables.methods,
      tables.rates,
      tables.rateCountries,
      tables.variants,
      tables.orders,
      tables.shipments,
    ])
  })

  it('when two admins make the shipment of one order at the same moment, then one gets 201 and the other 409', async () => {
    const customer = await newCustomer(s)
    const orders = await Promise.all(Array.from({ length: 10 }, () => confirmOrder(s, customer.id, standardId)))
    for (const order of orders) {
      const post = () => call(s, 'POST', '/api/shipments', { token: admin, body: { orderId: order.orderId } })
      const answers = await Promise.all([post(), post()])
      expect(answers.map((r) => r.statusCode).sort(), order.orderId).toEqual([201, 409])
      expect(answers.find((r) => r.statusCode === 409)?.json()).toMatchObject({ code: 'shipment_exists' })
    }
    const orderIds = orders.map((o) => o.orderId)
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM shipping.shipments WHERE order_id = ANY($1::uuid[])', [orderIds])
    expect(rows[0]?.n).toBe(10)
    expect(await eventsOf('shipment.created', orderIds)).toHaveLength(10)
  })

  it('when many moves of one shipment race, then each step happens once and its event is sent once', async () => {
    const order = await confirmOrder(s, (await newCustomer(s)).id, standardId)
    const shipment = (await call(s, 'POST', '/api/shipments', { token: admin, body: { orderId: order.orderId } })).json<ShipmentView>()
    const move = (status: string) => call(s, 'PATCH', `/api/shipments/${shipment.id}`, { token: admin, body: { status } })
    const answers = await Promise.all([...Array.from({ length: 5 }, () => move('in_transit')), ...Array.from({ length: 3 }, () => move('delivered'))])
    expect(answers.every((r) => r.statusCode === 200 || r.statusCode === 409)).toBe(true)
    const final = (await call(s, 'GET', `/api/shipments/${shipment.id}`, { token: admin })).json<ShipmentView>()
    expect(final.status).toBe('delivered')
    expect(final.history.map((h) => h.status)).toEqual(final.history.length === 3 ? ['pending', 'in_transit', 'delivered'] : ['pending', 'delivered'])
    expect(await eventsOf('shipment.delivered', [order.orderId])).toHaveLength(1)
    expect((await eventsOf('shipment.shipped', [order.orderId])).length).toBe(final.history.length === 3 ? 1 : 0)
  })

  it('when an order is cancelled while its shipment is being made, then no pending shipment outlives the cancelled order', async () => {
    const customer = await newCustomer(s)
    const orders = await Promise.all(Array.from({ length: 10 }, () => confirmOrder(s, customer.id, standardId)))
    await Promise.all(
      orders.flatMap((order) => [call(s, 'POST', '/api/shipments', { token: admin, body: { orderId: order.orderId } }), cancelOrder(s, order)]),
    )
    const { rows } = await pool.query<{ status: string }>('SELECT status FROM shipping.shipments WHERE order_id = ANY($1::uuid[])', [orders.map((o) => o.orderId)])
    expect(rows.filter((r) => r.status !== 'cancelled')).toEqual([])
    expect(await eventsOf('shipment.cancelled', orders.map((o) => o.orderId))).toHaveLength(rows.length)
  })

  it('when replicas start together on a shop without methods, then the defaults are seeded once', async () => {
    await pool.query('DELETE FROM shipping.methods')
    const deps = shippingDeps(pgside.running.ctx)
    const seeded = await Promise.all([seedDefaultMethods(deps), seedDefaultMethods(deps), seedDefaultMethods(deps)])
    expect(seeded.filter((names) => names.length > 0)).toEqual([['Standard', 'Express']])
    const { rows } = await pool.query<{ name: string }>('SELECT name FROM shipping.methods ORDER BY name')
    expect(rows.map((r) => r.name)).toEqual(['Express', 'Standard'])
  })

  it('when a write breaks an invariant behind the code, then the database refuses it', async () => {
    const order = await confirmOrder(s, (await newCustomer(s)).id, standardId)
    const made = await call(s, 'POST', '/api/shipments', { token: admin, body: { orderId: order.orderId, carrier: 'DHL' } })
    expect(made.statusCode, made.body).toBe(201)
    const shipment = made.json<ShipmentView>()
    await expect(
      pool.query(
        `INSERT INTO shipping.shipments (id, order_id, order_number, customer_id, carrier, tracking_number, status, history)
         SELECT gen_random_uuid(), order_id, order_number, customer_id, carrier, tracking_number || 'X', 'pending', '[]' FROM shipping.shipments WHERE id = $1`,
        [shipment.id],
      ),
    ).rejects.toMatchObject({ code: '23505', constraint: 'shipments_live_order_idx' })
    await expect(pool.query(`UPDATE shipping.shipments SET status = 'lost' WHERE id = $1`, [shipment.id])).rejects.toMatchObject({ code: '23514' })

    const { rows: [rate] } = await pool.query<{ id: string; method_id: string }>(`SELECT id, method_id FROM shipping.rates LIMIT 1`)
    if (!rate) throw new Error('no rate')
    await expect(pool.query(`INSERT INTO shipping.rate_countries (method_id, country, rate_id) VALUES ($1, 'xx', $2)`, [rate.method_id, rate.id])).rejects.toMatchObject({
      code: '23514',
    })
    const { rows: [taken] } = await pool.query<{ country: string }>(`SELECT country FROM shipping.rate_countries WHERE method_id = $1 LIMIT 1`, [rate.method_id])
    await expect(pool.query(`INSERT INTO shipping.rate_countries (method_id, country, rate_id) VALUES ($1, $2, $3)`, [rate.method_id, taken?.country, rate.id])).rejects.toMatchObject({
      code: '23505',
    })
    await expect(pool.query(`UPDATE shipping.methods SET min_days = max_days + 1`)).rejects.toMatchObject({ code: '23514', constraint: 'methods_days_check' })
    await expect(pool.query(`UPDATE shipping.rates SET base_minor = -1 WHERE id = $1`, [rate.id])).rejects.toMatchObject({ code: '23514', constraint: 'rates_money_check' })
  })
})
