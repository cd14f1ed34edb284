import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, startTestServices, type TestServices } from '../../../test/support/services.ts'
import { ADMIN_ENV, adminToken, deps, ledgerOf, levelOf, newOrderId, send, sent, stockUp, uniqueSku } from './inventory.test-kit.ts'
import { startSweeper, sweepExpired } from './sweep-expired.ts'
import type { Db } from '../../platform/db/db.ts'

describe('the reservation sweeper, called directly', () => {
  let s: TestServices
  let admin: string
  beforeAll(async () => {
    s = await startTestServices(['identity', 'inventory'], { env: { ...ADMIN_ENV, RESERVATION_SWEEP_MS: '3600000' } })
    admin = await adminToken(s)
  })
  afterAll(() => s.stop())

  it('when reservations have expired, then the sweeper releases them and answers inventory.released expired, keeping the live ones', async () => {
    const [a, b] = [uniqueSku('A'), uniqueSku('B')]
    await stockUp(s, { [a]: 10, [b]: 10 })
    const [first, second, live] = [newOrderId(), newOrderId(), newOrderId()]
    await send(s, 'inventory.reserve', { orderId: first, lines: [{ sku: b, quantity: 1 }, { sku: a, quantity: 2 }], ttlSeconds: 1 })
    await send(s, 'inventory.reserve', { orderId: second, lines: [{ sku: a, quantity: 3 }], ttlSeconds: 1 })
    await send(s, 'inventory.reserve', { orderId: live, lines: [{ sku: a, quantity: 1 }] })
    await sleep(1100)

    expect(await sweepExpired(deps(s))).toBe(2)
    expect(await sweepExpired(deps(s))).toBe(0)

    expect(await sent(s, 'inventory.released', { orderId: first })).toEqual([
      { orderId: first, lines: expect.arrayContaining([{ sku: a, quantity: 2 }, { sku: b, quantity: 1 }]), reason: 'expired', restocked: false },
    ])
    expect(await sent(s, 'inventory.released', { orderId: second })).toHaveLength(1)
    expect(await sent(s, 'inventory.released', { orderId: live })).toEqual([])
    expect(await levelOf(s, admin, a)).toMatchObject({ onHand: 10, reserved: 1 })
    expect(await levelOf(s, admin, b)).toMatchObject({ onHand: 10, reserved: 0 })
    expect(await ledgerOf(s, a)).toMatchObject({ onHand: 10, reserved: 1 })
    const { rows } = await s.pglite.query<{ status: string }>(`SELECT status FROM inventory.reservations WHERE order_id = $1`, [first])
    expect(rows).toEqual([{ status: 'expired' }])
  })

  it('when the released answer was sent by the sweeper, then it carries the reserve command’s correlation id', async () => {
    const a = uniqueSku('A')
    await stockUp(s, { [a]: 5 })
    const orderId = newOrderId()
    const reserve = await send(s, 'inventory.reserve', { orderId, lines: [{ sku: a, quantity: 1 }], ttlSeconds: 1 })
    await sleep(1100)
    await sweepExpired(deps(s))
    const { rows } = await s.pglite.query<{ correlation: string }>(
      `SELECT envelope->>'correlationId' AS correlation FROM inventory.outbox WHERE type = 'inventory.released' AND envelope->'payload'->>'orderId' = $1`,
      [orderId],
    )
    expect(rows).toEqual([{ correlation: reserve.correlationId }])
  })

  it('when an expired reservation is released or committed afterwards, then nothing changes and the saga gets its answer', async () => {
    const a = uniqueSku('A')
    await stockUp(s, { [a]: 5 })
    const orderId = newOrderId()
    await send(s, 'inventory.reserve', { orderId, lines: [{ sku: a, quantity: 2 }], ttlSeconds: 1 })
    await sleep(1100)
    await sweepExpired(deps(s))
    await send(s, 'inventory.release', { orderId, reason: 'payment_declined' })
    await send(s, 'inventory.commit', { orderId })
    expect(await sent(s, 'inventory.released', { orderId })).toHaveLength(2)
    expect((await sent(s, 'inventory.released', { orderId }))[1]).toMatchObject({ reason: 'expired', restocked: false })
    expect(await sent(s, 'inventory.commit_failed', { orderId })).toEqual([{ orderId, reason: 'expired' }])
    expect(await levelOf(s, admin, a)).toMatchObject({ onHand: 5, reserved: 0 })
    expect(await ledgerOf(s, a)).toMatchObject({ onHand: 5, reserved: 0, rows: 3 })
  })

  it('when a sweeper is stopped, then it waits for the sweep in progress and sweeps no more', async () => {
    const real = deps(s)
    let started = 0
    let finished = 0
    const slowDb = {
      transaction: async (fn: Parameters<Db['transaction']>[0]) => {
        started += 1
        await sleep(50)
        const result = await real.db.transaction(fn)
        finished += 1
        return result
      },
    } as unknown as Db
    const stop = startSweeper({ ...real, db: slowDb }, 10)
    await eventually(async () => started > 0, 2000, 'a first sweep')
    await stop()
    expect(finished).toBe(started)
    await sleep(100)
    expect(started).toBe(finished)
  })
})

describe('the reservation sweeper, in the background', () => {
  let s: TestServices
  beforeAll(async () => {
    s = await startTestServices(['identity', 'inventory'], { env: { ...ADMIN_ENV, RESERVATION_SWEEP_MS: '50' } })
  })
  afterAll(() => s.stop())

  it('when a reservation expires while inventory runs, then the sweeper started with the service releases it', async () => {
    const a = uniqueSku('A')
    await stockUp(s, { [a]: 3 })
    const orderId = newOrderId()
    await send(s, 'inventory.reserve', { orderId, lines: [{ sku: a, quantity: 3 }], ttlSeconds: 1 })
    const [released] = await eventually(async () => {
      const answers = await sent(s, 'inventory.released', { orderId })
      return answers.length > 0 ? answers : undefined
    }, 5000, 'the expired reservation released')
    expect(released).toMatchObject({ orderId, reason: 'expired' })
    expect(await ledgerOf(s, a)).toMatchObject({ onHand: 3, reserved: 0 })
  })
})
