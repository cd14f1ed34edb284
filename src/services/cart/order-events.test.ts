import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import {
  type Customer,
  expectCart,
  listProduct,
  newCustomer,
  newOrderId,
  orderCancelledPayload,
  orderConfirmedPayload,
  orderLines,
  quantities,
  send,
  type TestProduct,
} from './cart.test-kit.ts'

let s: TestServices
let product: TestProduct

beforeAll(async () => {
  s = await startTestServices(['identity', 'cart'])
  product = await listProduct(s, 100, [100, 200, 300])
})
afterAll(() => s.stop())

const variant = (i: number) => product.variants[i]!
const id = (i: number) => variant(i).variantId

async function cartWith(customer: Customer, lines: Array<[number, number]>): Promise<void> {
  for (const [i, quantity] of lines) await expectCart(s, 'POST', '/api/cart/items', { token: customer.token, body: { variantId: id(i), quantity } })
}

function ordered(lines: Array<[number, number]>) {
  return orderLines(lines.map(([i, quantity]) => ({ variant: variant(i), productId: product.productId, quantity })))
}

async function cartOf(customer: Customer): Promise<Record<string, number>> {
  return quantities(await expectCart(s, 'GET', '/api/cart', { token: customer.token }))
}

describe('the cart follows the orders', () => {
  it('when an order is confirmed, then its quantities leave the cart and what was added since stays', async () => {
    const customer = await newCustomer(s)
    await cartWith(customer, [
      [0, 2],
      [1, 5],
    ])
    const orderId = newOrderId()
    const lines = ordered([
      [0, 2],
      [1, 3],
    ])
    // Added after checkout began: not part of the order.
    await cartWith(customer, [[2, 1]])
    await send(s, 'order.confirmed', orderConfirmedPayload(customer.id, orderId, lines))
    expect(await cartOf(customer)).toEqual({ [id(1)]: 2, [id(2)]: 1 })

    // The same event again (a redelivery under a new message id) takes nothing more.
    await send(s, 'order.confirmed', orderConfirmedPayload(customer.id, orderId, lines))
    expect(await cartOf(customer)).toEqual({ [id(1)]: 2, [id(2)]: 1 })
  })

  it('when a confirmed order held more than the cart line, then the line goes', async () => {
    const customer = await newCustomer(s)
    await cartWith(customer, [[0, 1]])
    await send(s, 'order.confirmed', orderConfirmedPayload(customer.id, newOrderId(), ordered([[0, 4]])))
    expect(await cartOf(customer)).toEqual({})
  })

  it('when a customer without a cart has an order confirmed, then nothing breaks and no cart appears', async () => {
    const customer = await newCustomer(s)
    await send(s, 'order.confirmed', orderConfirmedPayload(customer.id, newOrderId(), ordered([[0, 1]])))
    expect(await expectCart(s, 'GET', '/api/cart', { token: customer.token })).toMatchObject({ id: null, items: [] })
  })

  it('when a pending order is cancelled, then each line is at least what was ordered and the cart is otherwise as it was', async () => {
    const customer = await newCustomer(s)
    await cartWith(customer, [
      [0, 3],
      [1, 1],
    ])
    const lines = ordered([
      [0, 2],
      [1, 2],
      [2, 1],
    ])
    await send(s, 'order.cancelled', orderCancelledPayload(customer.id, newOrderId(), lines, 'pending'))
    expect(await cartOf(customer)).toEqual({ [id(0)]: 3, [id(1)]: 2, [id(2)]: 1 })
  })

  it('when a confirmed order is cancelled, then its lines come back to the cart, once', async () => {
    const customer = await newCustomer(s)
    await cartWith(customer, [
      [0, 2],
      [1, 1],
    ])
    const orderId = newOrderId()
    const lines = ordered([
      [0, 2],
      [1, 1],
    ])
    await send(s, 'order.confirmed', orderConfirmedPayload(customer.id, orderId, lines))
    expect(await cartOf(customer)).toEqual({})
    await send(s, 'order.cancelled', orderCancelledPayload(customer.id, orderId, lines, 'confirmed'))
    expect(await cartOf(customer)).toEqual({ [id(0)]: 2, [id(1)]: 1 })

    // The customer trims the restored cart; a replayed cancellation does not put it back.
    await expectCart(s, 'PATCH', `/api/cart/items/${id(0)}`, { token: customer.token, body: { quantity: 0 } })
    await send(s, 'order.cancelled', orderCancelledPayload(customer.id, orderId, lines, 'confirmed'))
    expect(await cartOf(customer)).toEqual({ [id(1)]: 1 })
  })

  it('when a cancellation is handled before the confirmation it follows, then the late confirmation takes nothing', async () => {
    const customer = await newCustomer(s)
    await cartWith(customer, [[0, 2]])
    const orderId = newOrderId()
    const lines = ordered([[0, 2]])
    await send(s, 'order.cancelled', orderCancelledPayload(customer.id, orderId, lines, 'confirmed'))
    await send(s, 'order.confirmed', orderConfirmedPayload(customer.id, orderId, lines))
    expect(await cartOf(customer)).toEqual({ [id(0)]: 2 })
  })

  it('when a cancelled order is for a customer without a cart, then a cart is made with its lines', async () => {
    const customer = await newCustomer(s)
    await send(s, 'order.cancelled', orderCancelledPayload(customer.id, newOrderId(), ordered([[2, 3]]), 'confirmed'))
    expect(await cartOf(customer)).toEqual({ [id(2)]: 3 })
  })
})
