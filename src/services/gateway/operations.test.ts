import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SERVICE_NAMES } from '../../platform/config.ts'
import { startWorld, type World } from './gateway.fixtures.ts'
import type { OpenApiDoc } from './openapi-merge.ts'

describe('gateway /health/ready', () => {
  let world: World
  beforeAll(async () => {
    world = await startWorld()
  })
  afterAll(() => world.close())

  it('is 200 when every service and the kv are ready, with each one named', async () => {
    const res = await fetch(world.at('/health/ready'))
    expect(res.status).toBe(200)
    const body = (await res.json()) as { status: string; checks: Record<string, string> }
    expect(body.status).toBe('ok')
    expect(Object.keys(body.checks).sort()).toEqual(['kv', ...SERVICE_NAMES].sort())
    expect(Object.values(body.checks).every((c) => c === 'ok')).toBe(true)
  })

  it('is 503 naming the one service that is not ready', async () => {
    world.service('shipping').ready = false
    try {
      const res = await fetch(world.at('/health/ready'))
      expect(res.status).toBe(503)
      const body = (await res.json()) as { checks: Record<string, string> }
      expect(body.checks.shipping).toContain('503')
      expect(Object.entries(body.checks).filter(([, c]) => c !== 'ok').map(([n]) => n)).toEqual(['shipping'])
    } finally {
      world.service('shipping').ready = true
    }
  })

  it('keeps /health/live answering', async () => {
    expect((await fetch(world.at('/health/live'))).status).toBe(200)
  })
})

describe('gateway with a service down', () => {
  let world: World
  beforeAll(async () => {
    world = await startWorld({ down: ['inventory'] })
  })
  afterAll(() => world.close())

  it('/health/ready is 503 and names it', async () => {
    const res = await fetch(world.at('/health/ready'))
    expect(res.status).toBe(503)
    const body = (await res.json()) as { checks: Record<string, string> }
    expect(body.checks.inventory).toBe('unreachable')
    expect(body.checks.catalog).toBe('ok')
  })

  it('/docs/json merges the services that answer and names the one left out', async () => {
    const res = await fetch(world.at('/docs/json'))
    expect(res.status).toBe(200)
    const doc = (await res.json()) as OpenApiDoc
    expect(doc.info?.title).toBe('Emporium API')
    expect(doc.paths).toHaveProperty(['/api/catalog-things'])
    expect(doc.paths).toHaveProperty(['/api/order-things'])
    expect(doc.paths).not.toHaveProperty(['/api/inventory-things'])
    expect(doc.paths?.['/api/admin/dead-letters']).toHaveProperty('get')
    expect(doc.components?.schemas).toHaveProperty('catalogThing')
    expect(doc.components?.schemas).toHaveProperty('orderThing')
    expect(doc.components?.securitySchemes).toHaveProperty('bearerAuth')
    expect(doc.tags?.map((t) => t.name)).toEqual(expect.arrayContaining(['catalog', 'order', 'operations']))
    expect(doc['x-unavailable-services']).toEqual(['inventory'])
  })

  it('/docs shows Swagger UI reading the merged document', async () => {
    const res = await fetch(world.at('/docs'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    const init = await (await fetch(world.at('/docs/static/swagger-initializer.js'))).text()
    expect(init).toContain('json')
  })
})

describe('gateway in a deployment of some services', () => {
  let world: World
  beforeAll(async () => {
    world = await startWorld({ down: ['catalog', 'cart'], deployed: ['identity', 'notification'] })
  })
  afterAll(() => world.close())

  it('checks, documents and fans out to the deployed services only', async () => {
    const ready = await fetch(world.at('/health/ready'))
    expect(ready.status).toBe(200)
    expect(Object.keys(((await ready.json()) as { checks: object }).checks).sort()).toEqual(['identity', 'kv', 'notification'])
    const doc = (await (await fetch(world.at('/docs/json'))).json()) as OpenApiDoc
    expect(Object.keys(doc.paths ?? {})).toEqual(expect.arrayContaining(['/api/identity-things', '/api/notification-things']))
    expect(doc.paths).not.toHaveProperty(['/api/order-things'])
    expect(doc['x-unavailable-services']).toEqual([])
  })

  it('still answers 503 for the area of a service that is absent', async () => {
    const res = await fetch(world.at('/api/products'))
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ code: 'service_unavailable', service: 'catalog' })
  })
})
