import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { client, freePort, waitForReady } from '../support/http.ts'
import { type Started, startEmporium } from '../support/process.ts'

const dataDir = mkdtempSync(path.join(tmpdir(), 'emporium-start-'))
const running: Started[] = []

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop('SIGKILL')))
  rmSync(dataDir, { recursive: true, force: true })
})

async function start(port: number): Promise<Started> {
  const p = startEmporium([], { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info', HOST: '127.0.0.1' })
  running.push(p)
  await waitForReady(`http://127.0.0.1:${port}/health/ready`, 30_000).catch((err) => {
    throw new Error(`${err.message}\n--- output ---\n${p.output()}`)
  })
  return p
}

describe('npm start (the embedded default as a real process)', () => {
  it('starts with the demo admin and customer, stops cleanly on SIGTERM, and keeps its data across restarts', async () => {
    const port = await freePort()
    const first = await start(port)
    const api = client(`http://127.0.0.1:${port}`)
    expect(first.output()).toContain('admin@emporium.local')

    const admin = await api.post('/api/auth/login', { email: 'admin@emporium.local', password: 'Admin123!' })
    expect(admin.status).toBe(200)
    expect((await api.get('/api/auth/me', { token: admin.body.accessToken })).body.role).toBe('admin')
    expect((await api.post('/api/auth/login', { email: 'shopper@emporium.local', password: 'Shopper123!' })).status).toBe(200)
    const registered = await api.post('/api/auth/register', { email: 'kept@example.com', password: 'Kept1234', firstName: 'K', lastName: 'Ept' })
    expect(registered.status).toBe(201)

    expect(await first.stop('SIGTERM')).toBe(0)
    expect(first.output()).not.toContain('Kept1234')

    await start(port)
    expect((await api.post('/api/auth/login', { email: 'kept@example.com', password: 'Kept1234' })).status).toBe(200)
  }, 90_000)

  it('when a setting is bad, then the process stops at once and names the variable', async () => {
    const p = startEmporium([], { PORT: 'eighty', AMQP_URL: 'not a url', DATA_DIR: dataDir })
    expect(await p.exit).toBe(1)
    expect(p.output()).toMatch(/PORT/)
    expect(p.output()).toMatch(/AMQP_URL/)
  })

  it('when a service name is unknown, then the process says which ones exist', async () => {
    const p = startEmporium(['warehouse'], {})
    expect(await p.exit).toBe(2)
    expect(p.output()).toContain('Unknown service: warehouse')
    expect(p.output()).toContain('identity')
  })
})

describe('the npm start script', () => {
  it('runs the compiled shop, building it first when the sources are newer', async () => {
    const { spawnSync } = await import('node:child_process')
    const script = new URL('../../scripts/start.mjs', import.meta.url).pathname
    // A bad setting stops the shop at once, after the build (if any) and the load of the compiled code.
    const run = spawnSync(process.execPath, [script], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: 'not-a-port', DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(run.status, run.stdout + run.stderr).toBe(1)
    expect(run.stderr).toContain('PORT')
    expect(run.stderr).not.toContain('tsx')
  }, 150_000)
})
