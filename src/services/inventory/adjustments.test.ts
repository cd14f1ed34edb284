import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import {
  ADMIN_ENV,
  adminToken,
  call,
  ledgerOf,
  levelOf,
  type LevelView,
  newOrderId,
  send,
  sent,
  stockUp,
  uniqueSku,
} from './inventory.test-kit.ts'

let s: TestServices
let admin: string
let adminId: string

beforeAll(async () => {
  s = await startTestServices(['identity', 'inventory'], { env: ADMIN_ENV })
  admin = await adminToken(s)
  const me = await s.get('identity').app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${admin}` } })
  adminId = me.json<{ id: string }>().id
})
afterAll(() => s.stop())

const adjust = (sku: string, body: Record<string, unknown>) => call(s, 'POST', `/api/inventory/${sku}/adjustments`, { token: admin, body })

interface MovementPage {
  items: Array<{ at: string; delta: number; reservedDelta: number; reason: string; orderId?: string; note?: string; actorId?: string }>
  total: number
  page: number
  pageSize: number
}

describe('stock adjustments by admins', () => {
  it('when an admin receives stock, then the level grows, the movement names them and inventory.changed is sent', async () => {
    const sku = uniqueSku('KETTLE')
    await stockUp(s, { [sku]: 10 })
    const res = await adjust(sku, { delta: 15, reason: 'received', note: 'PO 4711' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ sku, onHand: 25, reserved: 0, available: 25, lowStockThreshold: 5 })

    const page = (await call(s, 'GET', `/api/inventory/${sku}/movements`, { token: admin })).json<MovementPage>()
    expect(page.items[0]).toMatchObject({ delta: 15, reservedDelta: 0, reason: 'received', note: 'PO 4711', actorId: adminId })
    expect(await ledgerOf(s, sku)).toMatchObject({ onHand: 25, reserved: 0 })
    expect((await sent(s, 'inventory.changed', { sku })).at(-1)).toEqual({ sku, onHand: 25, reserved: 0, available: 25, version: 2 })
  })

  it('when an adjustment would take on hand below what is reserved, then 409 and nothing changes', async () => {
    const sku = uniqueSku('KETTLE')
    await stockUp(s, { [sku]: 10 })
    await send(s, 'inventory.reserve', { orderId: newOrderId(), lines: [{ sku, quantity: 6 }] })
    const below = await adjust(sku, { delta: -5, reason: 'damaged' })
    expect(below.statusCode).toBe(409)
    expect(below.headers['content-type']).toContain('application/problem+json')
    expect(below.json()).toMatchObject({ status: 409, code: 'insufficient_stock' })
    expect((await adjust(sku, { delta: -11, reason: 'correction' })).statusCode).toBe(409)
    expect(await levelOf(s, admin, sku)).toMatchObject({ onHand: 10, reserved: 6 })
    expect((await adjust(sku, { delta: -4, reason: 'damaged' })).json()).toMatchObject({ onHand: 6, reserved: 6, available: 0 })
    expect(await ledgerOf(s, sku)).toMatchObject({ onHand: 6, reserved: 6 })
  })

  it('when an adjustment is retried with the same Idempotency-Key, then the stock is counted once', async () => {
    const sku = uniqueSku('RETRY')
    await stockUp(s, { [sku]: 4 })
    const once = () =>
      s.get('inventory').app.inject({
        method: 'POST',
        url: `/api/inventory/${sku}/adjustments`,
        headers: { authorization: `Bearer ${admin}`, 'idempotency-key': `receive-${sku}` },
        payload: { delta: 6, reason: 'received' },
      })
    const first = await once()
    const retry = await once()
    expect(first.statusCode).toBe(200)
    expect(retry.statusCode).toBe(200)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect((await levelOf(s, admin, sku))?.onHand).toBe(10)
  })

  it('when movements are listed, then they come newest first, paged, with order ids on reservations', async () => {
    const sku = uniqueSku('PAN')
    await stockUp(s, { [sku]: 20 })
    const orderId = newOrderId()
    await send(s, 'inventory.reserve', { orderId, lines: [{ sku, quantity: 2 }] })
    await adjust(sku, { delta: -1, reason: 'damaged' })
    await adjust(sku, { delta: 3, reason: 'correction' })
    const first = (await call(s, 'GET', `/api/inventory/${sku}/movements?page=1&pageSize=2`, { token: admin })).json<MovementPage>()
    expect(first).toMatchObject({ total: 4, page: 1, pageSize: 2 })
    expect(first.items.map((m) => m.reason)).toEqual(['correction', 'damaged'])
    const second = (await call(s, 'GET', `/api/inventory/${sku}/movements?page=2&pageSize=2`, { token: admin })).json<MovementPage>()
    expect(second.items.map((m) => [m.reason, m.orderId])).toEqual([
      ['reserved', orderId],
      ['initial', undefined],
    ])
    expect(second.items[0]).toMatchObject({ delta: 0, reservedDelta: 2 })
  })

  it('when movements of an unknown sku are asked for, then 404', async () => {
    const res = await call(s, 'GET', `/api/inventory/${uniqueSku('NONE')}/movements`, { token: admin })
    expect(res.statusCode).toBe(404)
  })
})

describe('low stock', () => {
  it('when available stock crosses down to the threshold, then low_stock is sent once, not on later falls', async () => {
    const sku = uniqueSku('LAMP')
    await stockUp(s, { [sku]: 8 })
    await adjust(sku, { delta: -2, reason: 'damaged' })
    expect(await sent(s, 'inventory.low_stock', { sku })).toEqual([])
    await adjust(sku, { delta: -1, reason: 'damaged' })
    expect(await sent(s, 'inventory.low_stock', { sku })).toEqual([{ sku, available: 5, threshold: 5 }])
    await adjust(sku, { delta: -1, reason: 'damaged' })
    await send(s, 'inventory.reserve', { orderId: newOrderId(), lines: [{ sku, quantity: 1 }] })
    expect(await sent(s, 'inventory.low_stock', { sku })).toHaveLength(1)
  })

  it('when stock recovers and falls again, then low_stock is sent again, also for a reservation', async () => {
    const sku = uniqueSku('LAMP')
    await stockUp(s, { [sku]: 6 })
    await send(s, 'inventory.reserve', { orderId: newOrderId(), lines: [{ sku, quantity: 1 }] })
    await adjust(sku, { delta: 10, reason: 'received' })
    await send(s, 'inventory.reserve', { orderId: newOrderId(), lines: [{ sku, quantity: 11 }] })
    expect(await sent(s, 'inventory.low_stock', { sku })).toEqual([
      { sku, available: 5, threshold: 5 },
      { sku, available: 4, threshold: 5 },
    ])
  })

  it('when an admin raises the threshold over the available stock, then the level is low and low_stock is sent', async () => {
    const sku = uniqueSku('RUG')
    await stockUp(s, { [sku]: 8 })
    const res = await call(s, 'PATCH', `/api/inventory/${sku}`, { token: admin, body: { lowStockThreshold: 10 } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ sku, lowStockThreshold: 10, available: 8 })
    expect(await sent(s, 'inventory.low_stock', { sku })).toEqual([{ sku, available: 8, threshold: 10 }])
  })
})

describe('stock level list', () => {
  it('when an admin lists by sku prefix, then levels come sorted by sku, and lowStock=true keeps only the low ones', async () => {
    const prefix = uniqueSku('LIST')
    await stockUp(s, { [`${prefix}-C`]: 50, [`${prefix}-A`]: 2, [`${prefix}-B`]: 30 })
    const all = (await call(s, 'GET', `/api/inventory?q=${prefix}`, { token: admin })).json<{ items: LevelView[]; total: number }>()
    expect(all.total).toBe(3)
    expect(all.items.map((l) => l.sku)).toEqual([`${prefix}-A`, `${prefix}-B`, `${prefix}-C`])
    expect(all.items[0]).toEqual({ sku: `${prefix}-A`, onHand: 2, reserved: 0, available: 2, lowStockThreshold: 5, updatedAt: expect.any(String) })
    const low = (await call(s, 'GET', `/api/inventory?lowStock=true&q=${prefix}`, { token: admin })).json<{ items: LevelView[]; total: number }>()
    expect(low.items.map((l) => l.sku)).toEqual([`${prefix}-A`])
    const paged = (await call(s, 'GET', `/api/inventory?q=${prefix}&page=2&pageSize=2`, { token: admin })).json<{ items: LevelView[]; page: number }>()
    expect(paged).toMatchObject({ page: 2, items: [{ sku: `${prefix}-C` }] })
  })

  it('when the prefix holds LIKE wildcards, then they match literally', async () => {
    const res = await call(s, 'GET', `/api/inventory?q=${encodeURIComponent('%')}`, { token: admin })
    expect(res.json()).toMatchObject({ total: 0, items: [] })
  })
})
