import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWorld, type World } from './gateway.fixtures.ts'

describe('demo product images', () => {
  let world: World
  beforeAll(async () => {
    world = await startWorld()
  })
  afterAll(() => world.close())

  it('draws the named picture as a cacheable SVG', async () => {
    const res = await fetch(world.at('/images/demo/vitamin-c.svg'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/)
    expect(res.headers.get('cache-control')).toContain('max-age=86400')
    const svg = await res.text()
    expect(svg).toContain('Vitamin C')
    expect(svg).toBe(await (await fetch(world.at('/images/demo/vitamin-c.svg'))).text())
  })

  it('refuses a name that is not a demo image with 400 problem+json', async () => {
    const res = await fetch(world.at('/images/demo/..%2Fsecret.svg'))
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/)
  })
})
