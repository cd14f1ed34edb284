import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import {
  ADMIN_ENV,
  adminToken,
  call,
  cancelOrder,
  confirmedPayload,
  confirmOrder,
  type MethodView,
  newCustomer,
  send,
  sent,
  type ShipmentView,
} from './shipping.test-kit.ts'

let s: TestServices
let admin: string
let standardId: string

beforeAll(async () => {
  s = await startTestServices(['identity', 'shipping'], { env: ADMIN_ENV })
  admin = await adminToken(s)
  const methods = (await call(s, 'GET', '/api/shipping/methods')).json<MethodView[]>()
  standardId = (methods.find((m) => m.name === 'Standard') as MethodView).id
})
afterAll(() => s.stop())

async function shipmentFor(orderId: string): Promise<ShipmentView> {
  const res = await call(s, 'POST', '/api/shipments', { token: admin, body: { orderId } })
  expect(res.statusCode, res.body).toBe(201)
  return res.json<ShipmentView>()
}

const read = async (id: string) => (await call(s, 'GET', `/api/shipments/${id}`, { token: admin })).json<ShipmentView>()

describe('order events', () => {
  it('when an order with a pending shipment is cancelled, then the shipment is cancelled and shipment.cancelled is sent', async () => {
    const customer = await newCustomer(s)
    const order = await confirmOrder(s, customer.id, standardId)
    const shipment = await shipmentFor(order.orderId)

    await cancelOrder(s, order)
    expect(await read(shipment.id)).toMatchObject({ status: 'cancelled', history: [{ status: 'pending' }, { status: 'cancelled' }] })
    expect(await sent(s, 'shipment.cancelled', { orderId: order.orderId })).toEqual([
      { shipmentId: shipment.id, orderId: order.orderId, trackingNumber: shipment.trackingNumber, carrier: 'USPS' },
    ])
    expect((await call(s, 'GET', `/api/shipments/${shipment.id}`, { token: customer.token })).json()).toMatchObject({ status: 'cancelled' })
  })

  it('when the same cancellation arrives again, then nothing more happens', async () => {
    const order = await confirmOrder(s, (await newCustomer(s)).id, standardId)
    await shipmentFor(order.orderId)
    await cancelOrder(s, order)
    await cancelOrder(s, order)
    expect(await sent(s, 'shipment.cancelled', { orderId: order.orderId })).toHaveLength(1)
  })

  it('when an order whose shipment is in transit is cancelled, then the shipment is left as it is', async () => {
    const order = await confirmOrder(s, (await newCustomer(s)).id, standardId)
    const shipment = await shipmentFor(order.orderId)
    await call(s, 'PATCH', `/api/shipments/${shipment.id}`, { token: admin, body: { status: 'in_transit' } })

    await cancelOrder(s, order)
    expect(await read(shipment.id)).toMatchObject({ status: 'in_transit' })
    expect(await sent(s, 'shipment.cancelled', { orderId: order.orderId })).toEqual([])
    // Still the admins' to finish: it can be delivered (or cancelled by hand).
    expect((await call(s, 'PATCH', `/api/shipments/${shipment.id}`, { token: admin, body: { status: 'delivered' } })).statusCode).toBe(200)
  })

  it('when an order is cancelled before it was ever confirmed, then it cannot be shipped', async () => {
    const customer = await newCustomer(s)
    const payload = confirmedPayload(customer.id, standardId)
    const order = { orderId: payload.orderId, number: payload.number, customerId: customer.id, email: payload.email }
    await cancelOrder(s, order, 'pending')
    const res = await call(s, 'POST', '/api/shipments', { token: admin, body: { orderId: order.orderId } })
    expect(res.json()).toMatchObject({ status: 409, code: 'order_cancelled' })
  })

  it('when order.confirmed arrives after order.cancelled (out of order), then the order stays cancelled', async () => {
    const customer = await newCustomer(s)
    const payload = confirmedPayload(customer.id, standardId)
    await cancelOrder(s, { orderId: payload.orderId, number: payload.number, customerId: customer.id, email: payload.email })
    await send(s, 'order.confirmed', payload)
    const res = await call(s, 'POST', '/api/shipments', { token: admin, body: { orderId: payload.orderId } })
    expect(res.json()).toMatchObject({ status: 409, code: 'order_cancelled' })
  })

  it('when order.confirmed arrives twice under new message ids, then one order is known and it ships once', async () => {
    const customer = await newCustomer(s)
    const payload = confirmedPayload(customer.id, standardId)
    await send(s, 'order.confirmed', payload)
    await send(s, 'order.confirmed', payload)
    await shipmentFor(payload.orderId)
    const { rows } = await s.pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM shipping.orders WHERE order_id = $1', [payload.orderId])
    expect(rows[0]?.n).toBe(1)
  })

  it('when a message breaks its contract, then it is refused as poison and changes nothing', async () => {
    const customer = await newCustomer(s)
    const payload = { ...confirmedPayload(customer.id, standardId), shippingMethod: { id: 'not-a-uuid', name: 'X' } }
    await expect(send(s, 'order.confirmed', payload)).rejects.toThrow(/breaks its contract/)
  })
})
