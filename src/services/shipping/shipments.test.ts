import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import {
  ADMIN_ENV,
  adminToken,
  call,
  cancelOrder,
  confirmOrder,
  type MethodView,
  newCustomer,
  sent,
  type ShipmentView,
} from './shipping.test-kit.ts'

let s: TestServices
let admin: string
let standard: MethodView
let express: MethodView

beforeAll(async () => {
  s = await startTestServices(['identity', 'shipping'], { env: ADMIN_ENV })
  admin = await adminToken(s)
  const methods = (await call(s, 'GET', '/api/shipping/methods')).json<MethodView[]>()
  standard = methods.find((m) => m.name === 'Standard') as MethodView
  express = methods.find((m) => m.name === 'Express') as MethodView
})
afterAll(() => s.stop())

const ship = (orderId: string, extra: Record<string, unknown> = {}) => call(s, 'POST', '/api/shipments', { token: admin, body: { orderId, ...extra } })
const move = (id: string, body: Record<string, unknown>) => call(s, 'PATCH', `/api/shipments/${id}`, { token: admin, body })

async function shipped(orderId: string): Promise<ShipmentView> {
  const res = await ship(orderId)
  expect(res.statusCode, res.body).toBe(201)
  return res.json<ShipmentView>()
}

describe('shipments', () => {
  it('when an admin ships a confirmed order and moves it to delivered, then each step is recorded and announced', async () => {
    const customer = await newCustomer(s)
    const order = await confirmOrder(s, customer.id, standard.id)

    const created = await ship(order.orderId)
    expect(created.statusCode).toBe(201)
    const shipment = created.json<ShipmentView & { shippingAddress: unknown }>()
    expect(shipment).toMatchObject({
      id: expect.any(String),
      orderId: order.orderId,
      orderNumber: order.number,
      carrier: 'USPS',
      status: 'pending',
      history: [{ status: 'pending', at: shipment.createdAt }],
      shippingAddress: { country: 'US', postalCode: '62701' },
    })
    expect(shipment.trackingNumber).toMatch(/^94\d{20}$/)
    const ref = { shipmentId: shipment.id, orderId: order.orderId, trackingNumber: shipment.trackingNumber, carrier: 'USPS' }
    expect(await sent(s, 'shipment.created', { shipmentId: shipment.id })).toEqual([ref])

    const inTransit = await move(shipment.id, { status: 'in_transit' })
    expect(inTransit.statusCode).toBe(200)
    expect(inTransit.json()).toMatchObject({ status: 'in_transit', history: [{ status: 'pending' }, { status: 'in_transit' }] })
    expect(await sent(s, 'shipment.shipped', { shipmentId: shipment.id })).toEqual([{ ...ref, shippedAt: expect.any(String) }])

    const delivered = await move(shipment.id, { status: 'delivered' })
    expect(delivered.json()).toMatchObject({ status: 'delivered', history: [{ status: 'pending' }, { status: 'in_transit' }, { status: 'delivered' }] })
    const [event] = await sent(s, 'shipment.delivered', { shipmentId: shipment.id })
    expect(event).toEqual({ ...ref, deliveredAt: delivered.json<ShipmentView>().history[2]?.at })
  })

  it("when the order's method is Express, then the carrier is UPS with a 1Z tracking number", async () => {
    const order = await confirmOrder(s, (await newCustomer(s)).id, express.id)
    const shipment = await shipped(order.orderId)
    expect(shipment).toMatchObject({ carrier: 'UPS', trackingNumber: expect.stringMatching(/^1Z[0-9A-Z]{16}$/) })
  })

  it('when a pending shipment is delivered directly, then it skips in_transit and only shipment.delivered is sent', async () => {
    const order = await confirmOrder(s, (await newCustomer(s)).id, standard.id)
    const shipment = await shipped(order.orderId)
    const res = await move(shipment.id, { status: 'delivered', trackingNumber: '94001000' })
    expect(res.json()).toMatchObject({ status: 'delivered', trackingNumber: '94001000' })
    expect(await sent(s, 'shipment.shipped', { shipmentId: shipment.id })).toEqual([])
    expect(await sent(s, 'shipment.delivered', { shipmentId: shipment.id })).toEqual([expect.objectContaining({ trackingNumber: '94001000' })])
  })

  it('when the same status is sent again, then 200 and nothing changes or is sent twice', async () => {
    const order = await confirmOrder(s, (await newCustomer(s)).id, standard.id)
    const shipment = await shipped(order.orderId)
    const first = await move(shipment.id, { status: 'in_transit' })
    const again = await move(shipment.id, { status: 'in_transit' })
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual(first.json())
    expect(await sent(s, 'shipment.shipped', { shipmentId: shipment.id })).toHaveLength(1)
  })

  it('when a shipment in transit gets the carrier\'s tracking number, then it is kept (upper-cased) without another event', async () => {
    const order = await confirmOrder(s, (await newCustomer(s)).id, standard.id)
    const shipment = await shipped(order.orderId)
    await move(shipment.id, { status: 'in_transit' })
    const res = await move(shipment.id, { status: 'in_transit', trackingNumber: 'ez1000000001' })
    expect(res.json()).toMatchObject({ status: 'in_transit', trackingNumber: 'EZ1000000001' })
    expect(await sent(s, 'shipment.shipped', { shipmentId: shipment.id })).toHaveLength(1)
  })

  it('when a move would go backwards or leave a final status, then 409 and the shipment stays as it was', async () => {
    const order = await confirmOrder(s, (await newCustomer(s)).id, standard.id)
    const shipment = await shipped(order.orderId)
    await move(shipment.id, { status: 'delivered' })
    for (const status of ['in_transit', 'cancelled']) {
      const res = await move(shipment.id, { status })
      expect(res.statusCode, status).toBe(409)
      expect(res.headers['content-type']).toContain('application/problem+json')
      expect(res.json()).toMatchObject({ code: 'invalid_transition' })
    }
    const cancelledOne = await shipped((await confirmOrder(s, (await newCustomer(s)).id, standard.id)).orderId)
    await move(cancelledOne.id, { status: 'cancelled' })
    expect((await move(cancelledOne.id, { status: 'in_transit' })).statusCode).toBe(409)
    expect((await move(cancelledOne.id, { status: 'delivered' })).statusCode).toBe(409)
    expect(await sent(s, 'shipment.cancelled', { shipmentId: cancelledOne.id })).toHaveLength(1)
    expect((await call(s, 'GET', `/api/shipments/${shipment.id}`, { token: admin })).json()).toMatchObject({ status: 'delivered' })
  })

  it('when the order is not known as confirmed (not yet, or cancelled), then 409 and no shipment', async () => {
    const unknown = await ship(uuidv7())
    expect(unknown.statusCode).toBe(409)
    expect(unknown.json()).toMatchObject({ code: 'order_not_confirmed' })

    const order = await confirmOrder(s, (await newCustomer(s)).id, standard.id)
    await cancelOrder(s, order)
    const cancelled = await ship(order.orderId)
    expect(cancelled.statusCode).toBe(409)
    expect(cancelled.json()).toMatchObject({ code: 'order_cancelled' })
    expect((await call(s, 'GET', `/api/shipments?orderId=${order.orderId}`, { token: admin })).json()).toMatchObject({ total: 0 })
  })

  it('when an order already has a shipment, then a second is 409; after it is cancelled, a new one may be made', async () => {
    const order = await confirmOrder(s, (await newCustomer(s)).id, standard.id)
    const first = await shipped(order.orderId)
    const second = await ship(order.orderId)
    expect(second.statusCode).toBe(409)
    expect(second.json()).toMatchObject({ code: 'shipment_exists' })

    await move(first.id, { status: 'cancelled' })
    const replacement = await shipped(order.orderId)
    expect(replacement.id).not.toBe(first.id)
    expect((await ship(order.orderId)).statusCode).toBe(409)
  })

  it("when the order's shipping method is unknown to shipping, then the admin names the carrier", async () => {
    const order = await confirmOrder(s, (await newCustomer(s)).id, uuidv7())
    const refused = await ship(order.orderId)
    expect(refused.statusCode).toBe(422)
    expect(refused.json()).toMatchObject({ code: 'carrier_unknown', errors: [{ path: 'carrier' }] })
    const res = await ship(order.orderId, { carrier: 'FedEx' })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ carrier: 'FedEx', trackingNumber: expect.stringMatching(/^\d{12}$/) })
  })

  it("when a tracking number is another shipment's, then 409", async () => {
    const a = await shipped((await confirmOrder(s, (await newCustomer(s)).id, standard.id)).orderId)
    const b = await shipped((await confirmOrder(s, (await newCustomer(s)).id, standard.id)).orderId)
    const res = await move(b.id, { status: 'in_transit', trackingNumber: a.trackingNumber })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ code: 'tracking_number_taken' })
    expect((await call(s, 'GET', `/api/shipments/${b.id}`, { token: admin })).json()).toMatchObject({ status: 'pending' })
  })

  it('when a retry of the create carries the same Idempotency-Key, then it gets the first answer', async () => {
    const order = await confirmOrder(s, (await newCustomer(s)).id, standard.id)
    const post = () => call(s, 'POST', '/api/shipments', { token: admin, body: { orderId: order.orderId }, headers: { 'idempotency-key': `ship-${order.orderId}` } })
    const first = await post()
    const second = await post()
    expect(second.statusCode).toBe(201)
    expect(second.json()).toEqual(first.json())
  })
})

describe('who sees which shipments', () => {
  it('when customers list or read shipments, then each sees only their own; another\'s is 404; admins see all', async () => {
    const alice = await newCustomer(s)
    const bob = await newCustomer(s)
    const aliceOrder = await confirmOrder(s, alice.id, standard.id)
    const bobOrder = await confirmOrder(s, bob.id, standard.id)
    const aliceShipment = await shipped(aliceOrder.orderId)
    const bobShipment = await shipped(bobOrder.orderId)

    const mine = await call(s, 'GET', '/api/shipments', { token: alice.token })
    expect(mine.statusCode).toBe(200)
    expect(mine.json()).toMatchObject({ items: [{ id: aliceShipment.id }], total: 1, page: 1, pageSize: 20 })
    expect((await call(s, 'GET', `/api/shipments?orderId=${aliceOrder.orderId}`, { token: alice.token })).json()).toMatchObject({ total: 1 })
    expect((await call(s, 'GET', `/api/shipments?orderId=${bobOrder.orderId}`, { token: alice.token })).json()).toMatchObject({ items: [], total: 0 })

    expect((await call(s, 'GET', `/api/shipments/${aliceShipment.id}`, { token: alice.token })).json()).toMatchObject({ id: aliceShipment.id })
    const other = await call(s, 'GET', `/api/shipments/${bobShipment.id}`, { token: alice.token })
    expect(other.statusCode).toBe(404)
    expect(other.headers['content-type']).toContain('application/problem+json')

    const forAdmin = (await call(s, 'GET', `/api/shipments?orderId=${bobOrder.orderId}`, { token: admin })).json<{ items: ShipmentView[] }>()
    expect(forAdmin.items.map((i) => i.id)).toEqual([bobShipment.id])
    expect((await call(s, 'GET', '/api/shipments?pageSize=100', { token: admin })).json<{ total: number }>().total).toBeGreaterThanOrEqual(2)
  })

  it('when a customer tries to make or move a shipment, then 403; without a token, 401', async () => {
    const customer = await newCustomer(s)
    const order = await confirmOrder(s, customer.id, standard.id)
    const shipment = await shipped(order.orderId)
    expect((await call(s, 'POST', '/api/shipments', { token: customer.token, body: { orderId: order.orderId } })).statusCode).toBe(403)
    expect((await call(s, 'PATCH', `/api/shipments/${shipment.id}`, { token: customer.token, body: { status: 'cancelled' } })).statusCode).toBe(403)
    expect((await call(s, 'POST', '/api/shipments', { body: { orderId: order.orderId } })).statusCode).toBe(401)
    expect((await call(s, 'PATCH', `/api/shipments/${shipment.id}`, { body: { status: 'cancelled' } })).statusCode).toBe(401)
    expect((await call(s, 'GET', '/api/shipments')).statusCode).toBe(401)
    expect((await call(s, 'GET', `/api/shipments/${shipment.id}`)).statusCode).toBe(401)
    expect((await call(s, 'GET', `/api/shipments/${shipment.id}`, { token: customer.token })).json()).toMatchObject({ status: 'pending' })
  })
})
