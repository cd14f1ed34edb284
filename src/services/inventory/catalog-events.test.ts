import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import {
  ADMIN_ENV,
  adminToken,
  call,
  ledgerOf,
  levelOf,
  productPayload,
  send,
  sent,
  uniqueSku,
} from './inventory.test-kit.ts'

let s: TestServices
let admin: string

beforeAll(async () => {
  s = await startTestServices(['identity', 'inventory'], { env: ADMIN_ENV })
  admin = await adminToken(s)
})
afterAll(() => s.stop())

describe('stock levels from catalog events', () => {
  it('when a product is created with opening stock, then each variant gets a level, an initial movement and an inventory.changed', async () => {
    const [a, b] = [uniqueSku('MUG'), uniqueSku('MUG')]
    await send(s, 'product.created', productPayload([{ sku: a, initialStock: 12 }, { sku: b }]))

    expect(await levelOf(s, admin, a)).toMatchObject({ onHand: 12, reserved: 0, available: 12, lowStockThreshold: s.config.inventory.lowStockThreshold })
    expect(await levelOf(s, admin, b)).toMatchObject({ onHand: 0, reserved: 0, available: 0 })
    const movements = (await call(s, 'GET', `/api/inventory/${a}/movements`, { token: admin })).json<{ items: unknown[]; total: number }>()
    expect(movements.items).toEqual([{ at: expect.any(String), delta: 12, reservedDelta: 0, reason: 'initial' }])
    expect(await ledgerOf(s, b)).toEqual({ onHand: 0, reserved: 0, rows: 0 })
    expect(await sent(s, 'inventory.changed', { sku: a })).toEqual([{ sku: a, onHand: 12, reserved: 0, available: 12, version: 1 }])
  })

  it('when the same product.created arrives again under a new message id, then nothing is added twice', async () => {
    const sku = uniqueSku('MUG')
    const payload = productPayload([{ sku, initialStock: 7 }])
    await send(s, 'product.created', payload)
    await send(s, 'product.created', payload)
    expect(await levelOf(s, admin, sku)).toMatchObject({ onHand: 7 })
    expect(await ledgerOf(s, sku)).toEqual({ onHand: 7, reserved: 0, rows: 1 })
    expect(await sent(s, 'inventory.changed', { sku })).toHaveLength(1)
  })

  it('when a product is updated with a new variant, then only the new sku gets a level and opening stock', async () => {
    const [old, added] = [uniqueSku('TEE'), uniqueSku('TEE')]
    const created = productPayload([{ sku: old, initialStock: 3 }])
    await send(s, 'product.created', created)
    const updated = productPayload([{ sku: old, initialStock: 50 }, { sku: added, initialStock: 4 }], created.productId)
    await send(s, 'product.updated', updated)
    expect(await levelOf(s, admin, old)).toMatchObject({ onHand: 3 })
    expect(await levelOf(s, admin, added)).toMatchObject({ onHand: 4 })
    expect(await ledgerOf(s, old)).toEqual({ onHand: 3, reserved: 0, rows: 1 })
  })

  it('when a product is deleted, then its stock and history stay as they were', async () => {
    const sku = uniqueSku('HAT')
    const created = productPayload([{ sku, initialStock: 5 }])
    await send(s, 'product.created', created)
    await send(s, 'product.deleted', { productId: created.productId, skus: [sku] })
    expect(await levelOf(s, admin, sku)).toMatchObject({ onHand: 5 })
    expect(await ledgerOf(s, sku)).toEqual({ onHand: 5, reserved: 0, rows: 1 })
  })

  it('when anyone asks for a known sku, then its availability comes back uncached', async () => {
    const sku = uniqueSku('CAP')
    await send(s, 'product.created', productPayload([{ sku, initialStock: 9 }]))
    const res = await call(s, 'GET', `/api/inventory/${sku}`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ sku, available: 9 })
    expect(res.headers['cache-control']).toBe('no-cache')
  })

  it('when anyone asks for an unknown sku, then 404 problem+json', async () => {
    const res = await call(s, 'GET', `/api/inventory/${uniqueSku('NONE')}`)
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json()).toMatchObject({ status: 404, code: 'unknown_sku' })
  })
})
