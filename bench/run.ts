/**
 * `npm run bench [-- --mode embedded|distributed|both] [--duration 10] [--connections 50]`
 *
 * Starts Emporium as real processes (embedded: one process; distributed: one per service on
 * PostgreSQL, RabbitMQ and Redis), seeds what the scenarios need, and drives them with
 * autocannon over loopback. Prints a table and writes bench/results/<date>.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { freePort, waitForReady } from '../test/support/http.ts'
import { isolatedServers } from '../test/support/isolated.ts'
import { type Started, startEmporium } from '../test/support/process.ts'

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'both' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
  },
})
const duration = Number(args.duration)
const connections = Number(args.connections)

interface Result {
  mode: string
  scenario: string
  target: string
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  errors: number
  non2xx: number
}

interface System {
  gateway: string
  direct: Record<string, string>
  processes: Started[]
  startMs: number
  rssMb: () => number
  cleanup(): Promise<void>
}

const QUIET = { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000', RATE_LIMIT_AUTH_PER_MINUTE: '100000000' }

function rssOf(pid: number | undefined): number {
  if (!pid) return 0
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)
  } catch {
    return 0
  }
}

async function startEmbeddedSystem(): Promise<System> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'emporium-bench-'))
  const port = await freePort()
  const t0 = performance.now()
  const p = startEmporium([], { ...QUIET, LOG_LEVEL: 'info', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' })
  await waitForReady(`http://127.0.0.1:${port}/health/ready`, 60_000)
  const startMs = Math.round(performance.now() - t0)
  const direct: Record<string, string> = {}
  for (const line of p.output().split('\n')) {
    const m = /"service":"(\w+)".*"url":"(http:\/\/[^"]+)".*listening/.exec(line)
    if (m) direct[m[1]!] = m[2]!
  }
  return {
    gateway: `http://127.0.0.1:${port}`,
    direct,
    processes: [p],
    startMs,
    rssMb: () => rssOf(p.child.pid),
    async cleanup() {
      await p.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function startDistributedSystem(): Promise<System> {
  const servers = await isolatedServers('bench')
  const names = ['identity', 'notification', 'gateway'] as const
  const ports = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await freePort()] as const)))
  const env = servers.env({
    ...QUIET,
    PORT: String(ports.gateway),
    IDENTITY_PORT: String(ports.identity),
    NOTIFICATION_PORT: String(ports.notification),
    ADMIN_EMAIL: 'admin@emporium.local',
    ADMIN_PASSWORD: 'Admin123!',
  })
  const t0 = performance.now()
  const processes = names.map((n) => startEmporium([n], env))
  await waitForReady(`http://127.0.0.1:${ports.gateway}/health/ready`, 60_000)
  const startMs = Math.round(performance.now() - t0)
  return {
    gateway: `http://127.0.0.1:${ports.gateway}`,
    direct: { identity: `http://127.0.0.1:${ports.identity}` },
    processes,
    startMs,
    rssMb: () => processes.reduce((sum, p) => sum + rssOf(p.child.pid), 0),
    async cleanup() {
      await Promise.all(processes.map((p) => p.stop()))
      await servers.cleanup()
    },
  }
}

async function login(base: string): Promise<string> {
  const email = `bench-${Date.now()}@example.com`
  await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'Bench1234', firstName: 'Bench', lastName: 'Mark' }),
  })
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'Bench1234' }),
  })
  const body = (await res.json()) as { accessToken: string }
  return body.accessToken
}

async function hit(url: string, headers: Record<string, string> = {}): Promise<Omit<Result, 'mode' | 'scenario' | 'target'>> {
  // Warm up connections and caches first, then measure.
  await autocannon({ url, connections, duration: 2, headers })
  const r = await autocannon({ url, connections, duration, headers })
  return {
    requestsPerSecond: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  }
}

async function benchMode(mode: 'embedded' | 'distributed'): Promise<{ results: Result[]; startMs: number; rssMb: number }> {
  const system = mode === 'embedded' ? await startEmbeddedSystem() : await startDistributedSystem()
  try {
    const token = await login(system.gateway)
    const auth = { authorization: `Bearer ${token}` }
    const results: Result[] = []
    const scenarios: Array<[string, string, string, Record<string, string>]> = [
      ['GET /api/auth/me', 'gateway', `${system.gateway}/api/auth/me`, auth],
      ['GET /api/auth/me', 'identity (direct)', `${system.direct.identity}/api/auth/me`, auth],
    ]
    for (const [scenario, target, url, headers] of scenarios) {
      if (!url.startsWith('http://127.0.0.1')) continue
      results.push({ mode, scenario, target, ...(await hit(url, headers)) })
    }
    return { results, startMs: system.startMs, rssMb: system.rssMb() }
  } finally {
    await system.cleanup()
  }
}

const modes = args.mode === 'both' ? (['embedded', 'distributed'] as const) : [args.mode as 'embedded' | 'distributed']
const report: Record<string, unknown> = { at: new Date().toISOString(), duration, connections, modes: {} }
for (const mode of modes) {
  const { results, startMs, rssMb } = await benchMode(mode)
  ;(report.modes as Record<string, unknown>)[mode] = { startMs, rssMbAfterLoad: rssMb, results }
  console.log(`\n${mode}: ready in ${startMs} ms, resident memory after load ${rssMb} MB`)
  console.table(results.map(({ mode: _m, ...r }) => r))
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true })
const file = new URL(`./results/${new Date().toISOString().slice(0, 10)}.json`, import.meta.url)
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
console.log(`\nwritten to ${path.relative(process.cwd(), file.pathname)}`)
