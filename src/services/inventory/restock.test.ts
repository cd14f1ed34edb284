import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { ADMIN_ENV, adminToken, ledgerOf, levelOf, newOrderId, send, sent, stockUp, uniqueSku } from './inventory.test-kit.ts'

let s: TestServices
let admin: string

beforeAll(async () => {
  s = await startTestServices(['identity', 'inventory'], { env: { ...ADMIN_ENV, RESERVATION_SWEEP_MS: '3600000' } })
  admin = await adminToken(s)
})
afterAll(() => s.stop())

async function soldOrder(stock: Record<string, number>, lines: Array<{ sku: string; quantity: number }>): Promise<string> {
  await stockUp(s, stock)
  const orderId = newOrderId()
  await send(s, 'inventory.reserve', { orderId, lines })
  await send(s, 'inventory.commit', { orderId })
  return orderId
}

describe('restock of returned units', () => {
  it('when part of a sold order comes back, then those units are on hand again with a restocked movement', async () => {
    const sku = uniqueSku('RET')
    const orderId = await soldOrder({ [sku]: 10 }, [{ sku, quantity: 3 }])
    expect(await levelOf(s, admin, sku)).toMatchObject({ onHand: 7, reserved: 0 })

    const returnId = uuidv7()
    await send(s, 'inventory.restock', { orderId, returnId, lines: [{ sku, quantity: 1 }] })

    expect(await levelOf(s, admin, sku)).toMatchObject({ onHand: 8, reserved: 0, available: 8 })
    expect(await sent(s, 'inventory.restocked', { returnId })).toEqual([{ orderId, returnId, lines: [{ sku, quantity: 1 }] }])
    expect((await ledgerOf(s, sku)).onHand).toBe(8)
  })

  it('when the same return is delivered twice, then the units go back once and the answer repeats', async () => {
    const sku = uniqueSku('RET')
    const orderId = await soldOrder({ [sku]: 5 }, [{ sku, quantity: 2 }])
    const returnId = uuidv7()
    await send(s, 'inventory.restock', { orderId, returnId, lines: [{ sku, quantity: 2 }] })
    await send(s, 'inventory.restock', { orderId, returnId, lines: [{ sku, quantity: 2 }] })

    expect(await levelOf(s, admin, sku)).toMatchObject({ onHand: 5 })
    expect(await sent(s, 'inventory.restocked', { returnId })).toHaveLength(2)
  })

  it('never puts back more than the order bought, across several returns', async () => {
    const sku = uniqueSku('RET')
    const orderId = await soldOrder({ [sku]: 5 }, [{ sku, quantity: 2 }])
    await send(s, 'inventory.restock', { orderId, returnId: uuidv7(), lines: [{ sku, quantity: 1 }] })
    const second = uuidv7()
    await send(s, 'inventory.restock', { orderId, returnId: second, lines: [{ sku, quantity: 5 }] })

    expect(await levelOf(s, admin, sku)).toMatchObject({ onHand: 5 })
    expect(await sent(s, 'inventory.restocked', { returnId: second })).toEqual([{ orderId, returnId: second, lines: [{ sku, quantity: 1 }] }])
  })

  it('restocks nothing for an order whose stock was never sold or was given back by a cancel', async () => {
    const sku = uniqueSku('RET')
    await stockUp(s, { [sku]: 5 })
    const reservedOnly = newOrderId()
    await send(s, 'inventory.reserve', { orderId: reservedOnly, lines: [{ sku, quantity: 2 }] })
    await send(s, 'inventory.restock', { orderId: reservedOnly, returnId: uuidv7(), lines: [{ sku, quantity: 2 }] })

    const cancelled = await soldOrder({}, [{ sku, quantity: 1 }])
    await send(s, 'inventory.release', { orderId: cancelled, reason: 'customer_cancelled' })
    await send(s, 'inventory.restock', { orderId: cancelled, returnId: uuidv7(), lines: [{ sku, quantity: 1 }] })

    expect(await levelOf(s, admin, sku)).toMatchObject({ onHand: 5, reserved: 2 })
  })
})
