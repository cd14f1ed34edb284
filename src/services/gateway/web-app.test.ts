import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWorld, type World } from './gateway.fixtures.ts'

const INDEX = '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/app-3f9a.js"></script></body></html>'
const SCRIPT = `console.log(${JSON.stringify('storefront '.repeat(400))})`

describe('the storefront at /', () => {
  let world: World
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'web-dist-'))
    mkdirSync(path.join(dir, 'assets'))
    writeFileSync(path.join(dir, 'index.html'), INDEX)
    writeFileSync(path.join(dir, 'assets', 'app-3f9a.js'), SCRIPT)
    writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
    world = await startWorld({ webDir: dir })
  })
  afterAll(async () => {
    await world.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('when a page of the app is opened directly, then index.html answers so the app routes it', async () => {
    for (const at of ['/', '/products/vitamin-d3', '/orders/0190a6b2-0000-7000-8000-000000000000?x=1', '/admin/orders']) {
      const res = await fetch(world.at(at))
      expect(res.status, at).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      expect(res.headers.get('cache-control')).toBe('no-cache')
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
      expect(await res.text()).toBe(INDEX)
    }
  })

  it('when a hashed asset is fetched, then it is cached for a year and gzipped for browsers that accept it', async () => {
    // undici's request, unlike fetch, hands over the bytes as sent.
    const res = await request(world.at('/assets/app-3f9a.js'), { headers: { 'accept-encoding': 'gzip' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/javascript/)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(Buffer.from(await res.body.arrayBuffer())).toString()).toBe(SCRIPT)

    const plain = await fetch(world.at('/assets/app-3f9a.js'), { headers: { 'accept-encoding': 'identity' } })
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toBe(SCRIPT)
  })

  it('when a file that does not exist or an unknown API path is asked for, then 404 problem+json, not the app', async () => {
    for (const at of ['/assets/gone-1234.js', '/api/nowhere', '/docs/nothing-here', '/health/nope', '/assets/..%2F..%2Fpackage.json']) {
      const res = await fetch(world.at(at))
      expect(res.status, at).toBe(404)
      expect(res.headers.get('content-type'), at).toMatch(/application\/problem\+json/)
    }
    const garbled = await fetch(world.at('/%E0%A4%A'))
    expect(garbled.status).toBe(400)
    expect(garbled.headers.get('content-type')).toMatch(/application\/problem\+json/)
  })

  it('when the app asks how the shop runs, then it learns the mode and the payment provider', async () => {
    const res = await fetch(world.at('/app-config.json'))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ mode: world.config.mode, paymentProvider: world.config.payment.provider, mail: 'inbox' })
  })
})

describe('the storefront and the rate limit', () => {
  let world: World
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'web-dist-'))
    mkdirSync(path.join(dir, 'assets'))
    writeFileSync(path.join(dir, 'index.html'), INDEX)
    writeFileSync(path.join(dir, 'assets', 'app-3f9a.js'), SCRIPT)
    world = await startWorld({ webDir: dir, env: { RATE_LIMIT_PER_MINUTE: '3' } })
  })
  afterAll(async () => {
    await world.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it("when a shopper loads pages and their files, then none of it spends the API's rate limit", async () => {
    for (let i = 0; i < 10; i++) {
      for (const at of ['/', '/products', '/assets/app-3f9a.js', '/app-config.json']) expect((await fetch(world.at(at))).status, at).toBe(200)
    }
    const api = await Promise.all([1, 2, 3, 4].map(() => fetch(world.at('/api/products'))))
    expect(api.map((r) => r.status).sort()).toEqual([200, 200, 200, 429])
  })
})

describe('the storefront before a build', () => {
  let world: World
  beforeAll(async () => {
    world = await startWorld()
  })
  afterAll(() => world.close())

  it('when web/dist is missing, then a page says how to build it instead of a bare 404', async () => {
    const res = await fetch(world.at('/'))
    expect(res.status).toBe(503)
    expect(await res.text()).toContain('npm run build')
    expect((await fetch(world.at('/api/nowhere'))).status).toBe(404)
  })
})
