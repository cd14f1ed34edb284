import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceName } from '../../platform/config.ts'
import { startWorld, type World } from './gateway.fixtures.ts'

function deadLetter(service: ServiceName, createdAt: string) {
  return {
    id: randomUUID(),
    service,
    messageId: randomUUID(),
    type: 'user.registered',
    error: 'boom',
    attempts: 3,
    createdAt,
    replayedAt: null,
    envelope: { id: randomUUID(), type: 'user.registered' },
  }
}

describe('gateway dead letters', () => {
  const notificationLetter = deadLetter('notification', '2026-01-02T00:00:00.000Z')
  const orderLetter = deadLetter('order', '2026-01-03T00:00:00.000Z')
  let world: World
  let admin: Record<string, string>
  beforeAll(async () => {
    world = await startWorld({
      down: ['payment'],
      deadLetters: { notification: [notificationLetter], order: [orderLetter], inventory: [] },
    })
    admin = { authorization: `Bearer ${await world.tokens.sign({ role: 'admin' })}` }
  })
  afterAll(() => world.close())

  it('merges every service’s list, newest first, naming services that are down', async () => {
    const res = await fetch(world.at('/api/admin/dead-letters?includeReplayed=true'), { headers: admin })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { items: Array<{ id: string; service: string }>; total: number; unavailable: string[] }
    expect(body.items.map((i) => [i.service, i.id])).toEqual([
      ['order', orderLetter.id],
      ['notification', notificationLetter.id],
    ])
    expect(body.total).toBe(2)
    expect(body.unavailable).toEqual(['payment'])
    const asked = world.service('order').received.at(-1)
    expect(asked?.url).toBe('/api/admin/dead-letters?includeReplayed=true')
    expect(asked?.headers.authorization).toBe(admin.authorization)
  })

  it('replays in the one service that holds the message', async () => {
    const res = await fetch(world.at(`/api/admin/dead-letters/${notificationLetter.id}/replay`), { method: 'POST', headers: admin })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ id: notificationLetter.id, service: 'notification', replayedAt: expect.any(String) })
  })

  it('answers 503 for an unknown id while a service is down, 404 when all answered', async () => {
    const res = await fetch(world.at(`/api/admin/dead-letters/${randomUUID()}/replay`), { method: 'POST', headers: admin })
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ code: 'service_unavailable', unavailable: ['payment'] })
  })

  it('is for admins only', async () => {
    expect((await fetch(world.at('/api/admin/dead-letters'))).status).toBe(401)
    const customer = { authorization: `Bearer ${await world.tokens.sign({ role: 'customer' })}` }
    const res = await fetch(world.at('/api/admin/dead-letters'), { headers: customer })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  })

  it('validates the id', async () => {
    const res = await fetch(world.at('/api/admin/dead-letters/not-a-uuid/replay'), { method: 'POST', headers: admin })
    expect(res.status).toBe(400)
  })
})

describe('gateway dead letters with every service up', () => {
  let world: World
  beforeAll(async () => {
    world = await startWorld({ deadLetters: { notification: [] } })
  })
  afterAll(() => world.close())

  it('answers 404 for a dead letter no service has', async () => {
    const admin = { authorization: `Bearer ${await world.tokens.sign({ role: 'admin' })}` }
    const res = await fetch(world.at(`/api/admin/dead-letters/${randomUUID()}/replay`), { method: 'POST', headers: admin })
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    const list = await fetch(world.at('/api/admin/dead-letters'), { headers: admin })
    expect(await list.json()).toMatchObject({ items: [], total: 0, unavailable: [] })
  })
})
