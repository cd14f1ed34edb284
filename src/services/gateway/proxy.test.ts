import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Echo, startWorld, type World } from './gateway.fixtures.ts'
import { ROUTE_TABLE } from './upstreams.ts'

describe('gateway proxy', () => {
  let world: World
  beforeAll(async () => {
    world = await startWorld({ down: ['payment'] })
  })
  afterAll(() => world.close())

  it.each(ROUTE_TABLE.filter(([, service]) => service !== 'payment'))('routes %s to %s', async (prefix, service) => {
    const res = await fetch(world.at(`${prefix}/some/thing`))
    expect(res.status).toBe(200)
    const echo = (await res.json()) as Echo
    expect(echo.service).toBe(service)
    expect(echo.url).toBe(`${prefix}/some/thing`)
  })

  it('routes the bare prefix and picks the longest prefix', async () => {
    const bare = (await (await fetch(world.at('/api/cart'))).json()) as Echo
    expect(bare.service).toBe('cart')
    const admin = (await (await fetch(world.at('/api/admin/notifications/1/retry'), { method: 'POST' })).json()) as Echo
    expect(admin.service).toBe('notification')
    const orders = (await (await fetch(world.at('/api/admin/orders?status=pending'))).json()) as Echo
    expect(orders.service).toBe('order')
  })

  it('passes method, path, query, headers and body through unchanged, and forwards the request id', async () => {
    const body = '{"variantId": "v1",   "quantity": 2 }'
    const res = await fetch(world.at('/api/cart/items/v1?a=1&b=%20two&a=3'), {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'key-1', 'x-custom': 'yes', 'x-request-id': 'client-id-1' },
      body,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-request-id')).toBe('client-id-1')
    const echo = (await res.json()) as Echo
    expect(echo).toMatchObject({ service: 'cart', method: 'PATCH', url: '/api/cart/items/v1?a=1&b=%20two&a=3', body })
    expect(echo.headers['idempotency-key']).toBe('key-1')
    expect(echo.headers['x-custom']).toBe('yes')
    expect(echo.headers['content-type']).toBe('application/json')
    expect(echo.headers['x-request-id']).toBe('client-id-1')
    expect(echo.headers['x-forwarded-for']).toBe('127.0.0.1')
    expect(echo.headers['x-forwarded-proto']).toBe('http')
    expect(echo.headers['x-forwarded-host']).toBe(new URL(world.gateway.url).host)
  })

  it('makes up a request id when none is sent, answers with it and forwards it', async () => {
    const res = await fetch(world.at('/api/products'))
    const id = res.headers.get('x-request-id')
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(((await res.json()) as Echo).headers['x-request-id']).toBe(id)
  })

  it('does not parse bodies: malformed JSON and other types reach the service as sent', async () => {
    const malformed = await fetch(world.at('/api/orders'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"nope' })
    expect(malformed.status).toBe(200)
    expect(((await malformed.json()) as Echo).body).toBe('{"nope')
    const text = await fetch(world.at('/api/orders'), { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: 'a,b\n1,2' })
    expect(((await text.json()) as Echo).body).toBe('a,b\n1,2')
  })

  it('forwards a client-sent X-Forwarded-For as the client ip only (no spoofing when proxies are not trusted)', async () => {
    const res = await fetch(world.at('/api/products'), { headers: { 'x-forwarded-for': '6.6.6.6' } })
    expect(((await res.json()) as Echo).headers['x-forwarded-for']).toBe('127.0.0.1')
  })

  it('refuses a body over the limit before forwarding it', async () => {
    const before = world.service('order').received.length
    const res = await fetch(world.at('/api/orders'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(world.config.bodyLimitBytes + 1) })
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ status: 413, code: 'payload_too_large' })
    expect(world.service('order').received.length).toBe(before)
  })

  it('passes the service status and headers back', async () => {
    const res = await fetch(world.at('/api/inventory/teapot'))
    expect(res.status).toBe(418)
    expect(res.headers.get('x-cart-id')).toBe('cart-1')
    expect(await res.json()).toEqual({ short: 'stout' })
  })

  it('answers an unknown path with 404 problem+json', async () => {
    for (const path of ['/api/nothing-here', '/api/productsx', '/elsewhere']) {
      const res = await fetch(world.at(path), { method: 'POST', body: 'x' })
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      expect(await res.json()).toMatchObject({ status: 404, code: 'route_not_found' })
    }
  })

  it('answers 503 problem+json naming the area when its service cannot be reached, with no internals', async () => {
    for (const method of ['GET', 'POST']) {
      const res = await fetch(world.at('/api/payments/p1'), { method, ...(method === 'POST' ? { body: '{}' } : {}) })
      expect(res.status).toBe(503)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      expect(res.headers.get('x-request-id')).toBeTruthy()
      const body = (await res.json()) as Record<string, unknown>
      expect(body).toMatchObject({ status: 503, code: 'service_unavailable', service: 'payment' })
      expect(body.detail).toContain('payment')
      expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack|at /)
    }
  })

  it('refuses path traversal out of the area', async () => {
    // fetch would normalise the dots away; send the path exactly as written.
    const { port } = new URL(world.gateway.url)
    const answer = await new Promise<{ status: number; type: string }>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/api/products/%2e%2e/%2e%2e/health/ready' }, (res) => {
        res.resume()
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']) })
      })
        .on('error', reject)
        .end()
    })
    expect(answer.status).toBe(400)
    expect(answer.type).toContain('application/problem+json')
    expect(world.service('catalog').received.some((e) => e.url.includes('health'))).toBe(false)
  })
})
