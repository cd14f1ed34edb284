import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { ADMIN_ENV, adminToken, call, ledgerOf, levelOf, newOrderId, send, sent, stockUp, uniqueSku } from './inventory.test-kit.ts'

let s: TestServices
let admin: string

beforeAll(async () => {
  // The background sweeper stays out of the way; expiry here is the commit's own check.
  s = await startTestServices(['identity', 'inventory'], { env: { ...ADMIN_ENV, RESERVATION_SWEEP_MS: '3600000' } })
  admin = await adminToken(s)
})
afterAll(() => s.stop())

async function figures(sku: string) {
  const level = await levelOf(s, admin, sku)
  const ledger = await ledgerOf(s, sku)
  expect({ onHand: ledger.onHand, reserved: ledger.reserved }, `ledger of ${sku}`).toEqual({ onHand: level?.onHand, reserved: level?.reserved })
  return { onHand: level?.onHand, reserved: level?.reserved, available: level?.available }
}

describe('reserve', () => {
  it('when every line is in stock, then all are reserved with one movement each and inventory.reserved answers', async () => {
    const [a, b] = [uniqueSku('A'), uniqueSku('B')]
    await stockUp(s, { [a]: 10, [b]: 4 })
    const orderId = newOrderId()
    await send(s, 'inventory.reserve', { orderId, lines: [{ sku: a, quantity: 3 }, { sku: b, quantity: 4 }, { sku: a, quantity: 2 }] })

    const [answer] = await sent(s, 'inventory.reserved', { orderId })
    expect(answer?.lines).toEqual(expect.arrayContaining([{ sku: a, quantity: 5 }, { sku: b, quantity: 4 }]))
    expect(answer?.lines).toHaveLength(2)
    const ttl = Date.parse(answer?.expiresAt ?? '') - Date.now()
    expect(ttl).toBeGreaterThan((s.config.inventory.reservationTtlSeconds - 60) * 1000)
    expect(await figures(a)).toEqual({ onHand: 10, reserved: 5, available: 5 })
    expect(await figures(b)).toEqual({ onHand: 4, reserved: 4, available: 0 })
    expect((await sent(s, 'inventory.changed', { sku: a })).at(-1)).toMatchObject({ reserved: 5, available: 5, version: 2 })
  })

  it('when one of two lines is short, then nothing is reserved and every shortage is listed', async () => {
    const [a, b] = [uniqueSku('A'), uniqueSku('B')]
    await stockUp(s, { [a]: 10, [b]: 1 })
    const orderId = newOrderId()
    await send(s, 'inventory.reserve', { orderId, lines: [{ sku: a, quantity: 2 }, { sku: b, quantity: 3 }] })
    expect(await sent(s, 'inventory.reservation_failed', { orderId })).toEqual([
      { orderId, reason: 'out_of_stock', shortages: [{ sku: b, requested: 3, available: 1 }] },
    ])
    expect(await sent(s, 'inventory.reserved', { orderId })).toEqual([])
    expect(await figures(a)).toEqual({ onHand: 10, reserved: 0, available: 10 })
    expect(await figures(b)).toEqual({ onHand: 1, reserved: 0, available: 1 })
  })

  it('when a sku is unknown, then the reservation fails with unknown_sku and reserves nothing', async () => {
    const a = uniqueSku('A')
    const ghost = uniqueSku('GHOST')
    await stockUp(s, { [a]: 10 })
    const orderId = newOrderId()
    await send(s, 'inventory.reserve', { orderId, lines: [{ sku: a, quantity: 1 }, { sku: ghost, quantity: 1 }] })
    expect(await sent(s, 'inventory.reservation_failed', { orderId })).toEqual([
      { orderId, reason: 'unknown_sku', shortages: [{ sku: ghost, requested: 1, available: 0 }] },
    ])
    expect(await figures(a)).toMatchObject({ reserved: 0 })
  })

  it('when the same reserve command comes again under a new message id, then it reserves once and answers the same', async () => {
    const a = uniqueSku('A')
    await stockUp(s, { [a]: 10 })
    const orderId = newOrderId()
    const command = { orderId, lines: [{ sku: a, quantity: 4 }] }
    await send(s, 'inventory.reserve', command)
    await send(s, 'inventory.reserve', command)
    const answers = await sent(s, 'inventory.reserved', { orderId })
    expect(answers).toHaveLength(2)
    expect(answers[1]).toEqual(answers[0])
    expect(await figures(a)).toEqual({ onHand: 10, reserved: 4, available: 6 })
    expect((await ledgerOf(s, a)).rows).toBe(2)
  })

  it('when a failed reserve command comes again after stock arrived, then it still answers the recorded failure', async () => {
    const a = uniqueSku('A')
    await stockUp(s, { [a]: 1 })
    const orderId = newOrderId()
    const command = { orderId, lines: [{ sku: a, quantity: 2 }] }
    await send(s, 'inventory.reserve', command)
    expect((await call(s, 'POST', `/api/inventory/${a}/adjustments`, { token: admin, body: { delta: 5, reason: 'received' } })).statusCode).toBe(200)
    await send(s, 'inventory.reserve', command)
    const answers = await sent(s, 'inventory.reservation_failed', { orderId })
    expect(answers).toHaveLength(2)
    expect(answers[1]).toEqual(answers[0])
    expect(await figures(a)).toEqual({ onHand: 6, reserved: 0, available: 6 })
  })
})

describe('commit', () => {
  it('when a reservation is committed, then on hand and reserved both fall and inventory.committed answers, once', async () => {
    const a = uniqueSku('A')
    await stockUp(s, { [a]: 10 })
    const orderId = newOrderId()
    await send(s, 'inventory.reserve', { orderId, lines: [{ sku: a, quantity: 3 }] })
    await send(s, 'inventory.commit', { orderId })
    await send(s, 'inventory.commit', { orderId })
    expect(await sent(s, 'inventory.committed', { orderId })).toEqual([
      { orderId, lines: [{ sku: a, quantity: 3 }] },
      { orderId, lines: [{ sku: a, quantity: 3 }] },
    ])
    expect(await figures(a)).toEqual({ onHand: 7, reserved: 0, available: 7 })
    expect((await ledgerOf(s, a)).rows).toBe(3)
  })

  it('when there is no reservation, or it was released, then commit_failed says why', async () => {
    const a = uniqueSku('A')
    await stockUp(s, { [a]: 10 })
    const missing = newOrderId()
    await send(s, 'inventory.commit', { orderId: missing })
    expect(await sent(s, 'inventory.commit_failed', { orderId: missing })).toEqual([{ orderId: missing, reason: 'no_reservation' }])

    const released = newOrderId()
    await send(s, 'inventory.reserve', { orderId: released, lines: [{ sku: a, quantity: 1 }] })
    await send(s, 'inventory.release', { orderId: released, reason: 'payment_declined' })
    await send(s, 'inventory.commit', { orderId: released })
    expect(await sent(s, 'inventory.commit_failed', { orderId: released })).toEqual([{ orderId: released, reason: 'released' }])
    expect(await figures(a)).toEqual({ onHand: 10, reserved: 0, available: 10 })
  })

  it('when the reservation has expired before the commit, then commit_failed expired and the stock is released', async () => {
    const a = uniqueSku('A')
    await stockUp(s, { [a]: 10 })
    const orderId = newOrderId()
    await send(s, 'inventory.reserve', { orderId, lines: [{ sku: a, quantity: 4 }], ttlSeconds: 1 })
    await sleep(1100)
    await send(s, 'inventory.commit', { orderId })
    expect(await sent(s, 'inventory.commit_failed', { orderId })).toEqual([{ orderId, reason: 'expired' }])
    expect(await sent(s, 'inventory.released', { orderId })).toEqual([{ orderId, lines: [{ sku: a, quantity: 4 }], reason: 'expired', restocked: false }])
    expect(await sent(s, 'inventory.committed', { orderId })).toEqual([])
    expect(await figures(a)).toEqual({ onHand: 10, reserved: 0, available: 10 })
    await send(s, 'inventory.commit', { orderId })
    expect(await sent(s, 'inventory.commit_failed', { orderId })).toHaveLength(2)
  })
})

describe('release', () => {
  it('when a reservation is released, then its stock is available again, and a retry gets the same answer', async () => {
    const a = uniqueSku('A')
    await stockUp(s, { [a]: 10 })
    const orderId = newOrderId()
    await send(s, 'inventory.reserve', { orderId, lines: [{ sku: a, quantity: 6 }] })
    await send(s, 'inventory.release', { orderId, reason: 'payment_declined' })
    await send(s, 'inventory.release', { orderId, reason: 'payment_declined' })
    const answer = { orderId, lines: [{ sku: a, quantity: 6 }], reason: 'payment_declined', restocked: false }
    expect(await sent(s, 'inventory.released', { orderId })).toEqual([answer, answer])
    expect(await figures(a)).toEqual({ onHand: 10, reserved: 0, available: 10 })
    expect((await ledgerOf(s, a)).rows).toBe(3)
    expect((await sent(s, 'inventory.changed', { sku: a })).at(-1)).toMatchObject({ reserved: 0, available: 10, version: 3 })
  })

  it('when a committed order is released, then its stock goes back on hand once', async () => {
    const a = uniqueSku('A')
    await stockUp(s, { [a]: 10 })
    const orderId = newOrderId()
    await send(s, 'inventory.reserve', { orderId, lines: [{ sku: a, quantity: 4 }] })
    await send(s, 'inventory.commit', { orderId })
    expect(await figures(a)).toEqual({ onHand: 6, reserved: 0, available: 6 })
    await send(s, 'inventory.release', { orderId, reason: 'customer_cancelled' })
    await send(s, 'inventory.release', { orderId, reason: 'customer_cancelled' })
    const answer = { orderId, lines: [{ sku: a, quantity: 4 }], reason: 'customer_cancelled', restocked: true }
    expect(await sent(s, 'inventory.released', { orderId })).toEqual([answer, answer])
    expect(await figures(a)).toEqual({ onHand: 10, reserved: 0, available: 10 })
    const { rows } = await s.pglite.query<{ reason: string }>(`SELECT reason FROM inventory.movements WHERE order_id = $1 ORDER BY id`, [orderId])
    expect(rows.map((r) => r.reason)).toEqual(['reserved', 'sold', 'restocked'])
  })

  it('when an order never held stock, then a release changes nothing and answers nothing', async () => {
    const a = uniqueSku('A')
    await stockUp(s, { [a]: 1 })
    const failed = newOrderId()
    await send(s, 'inventory.reserve', { orderId: failed, lines: [{ sku: a, quantity: 5 }] })
    const absent = newOrderId()
    for (const orderId of [failed, absent]) {
      await send(s, 'inventory.release', { orderId, reason: 'timeout' })
      expect(await sent(s, 'inventory.released', { orderId })).toEqual([])
    }
    expect(await figures(a)).toEqual({ onHand: 1, reserved: 0, available: 1 })
  })
})
