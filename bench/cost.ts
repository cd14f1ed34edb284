/**
 * What a scenario costs the machine, read before and after it: CPU time of Emporium's processes
 * and of the engines beside them (PostgreSQL, RabbitMQ, Redis), database transactions committed
 * (`xact_commit` of the service databases) and messages written to the outboxes.
 */
import { readdirSync, readFileSync } from 'node:fs'
import pg from 'pg'

/** Linux counts process CPU time in clock ticks of 10 ms (USER_HZ = 100 on every mainstream kernel). */
const MS_PER_TICK = 10
const ENGINES: Record<string, string> = { postgres: 'postgresql', 'beam.smp': 'rabbitmq', erl_child_setup: 'rabbitmq', 'redis-server': 'redis' }

export interface CostSnapshot {
  /** CPU ms used so far by each Emporium process, by name. */
  processCpuMs: Record<string, number>
  /** CPU ms used so far by PostgreSQL, RabbitMQ and Redis processes on this machine, by engine. */
  engineCpuMs: Record<string, number>
  commits: number | undefined
  messages: number | undefined
}

export interface Cost {
  orders: number
  cpuMsPerOrder: number
  cpuMsPerOrderByProcess: Record<string, number>
  engineCpuMsPerOrder: number
  engineCpuMsPerOrderByEngine: Record<string, number>
  commitsPerOrder: number | undefined
  messagesPerOrder: number | undefined
}

/** Where the counters are read: the service databases of one distributed shop, or an embedded shop's /metrics. */
export type CounterSource =
  | { kind: 'postgres'; serverUrl: string; databasePrefix: string }
  | { kind: 'metrics'; urls: string[] }

function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK
  } catch {
    return 0
  }
}

function engineCpuMs(): Record<string, number> {
  const byEngine: Record<string, number> = { postgresql: 0, rabbitmq: 0, redis: 0 }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const engine = ENGINES[readFileSync(`/proc/${entry}/comm`, 'utf8').trim()]
      if (engine) byEngine[engine] = (byEngine[engine] ?? 0) + cpuMsOf(Number(entry))
    } catch {
      // The process ended meanwhile.
    }
  }
  return byEngine
}

async function postgresCounters(source: Extract<CounterSource, { kind: 'postgres' }>): Promise<{ commits: number; messages: number }> {
  const admin = new pg.Client({ connectionString: source.serverUrl })
  await admin.connect()
  let commits = 0
  let databases: string[]
  try {
    const { rows } = await admin.query<{ datname: string; xact_commit: string }>(
      'SELECT datname, xact_commit FROM pg_stat_database WHERE datname LIKE $1',
      [`${source.databasePrefix}\\_%`],
    )
    databases = rows.map((r) => r.datname)
    for (const row of rows) commits += Number(row.xact_commit)
  } finally {
    await admin.end()
  }
  let messages = 0
  for (const database of databases) {
    const url = new URL(source.serverUrl)
    url.pathname = `/${database}`
    const client = new pg.Client({ connectionString: url.toString() })
    await client.connect()
    try {
      // Every service keeps its outbox in its own schema; its rows are the messages it sent (purged after days).
      const { rows } = await client.query<{ schema: string }>("SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'outbox'")
      for (const { schema } of rows) {
        const counted = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".outbox`)
        messages += Number(counted.rows[0]?.n ?? 0)
      }
    } finally {
      await client.end()
    }
  }
  // Reading the counters committed transactions of their own in these databases: not the scenario's.
  return { commits: commits - databases.length, messages }
}

/** Sums the counters the services publish; the embedded services share one database, counted once. */
async function metricsCounters(urls: readonly string[]): Promise<{ commits: number | undefined; messages: number | undefined }> {
  const commitsByDatabase = new Map<string, number>()
  let messages: number | undefined
  for (const url of urls) {
    const res = await fetch(`${url}/metrics`)
    if (!res.ok) continue
    for (const line of (await res.text()).split('\n')) {
      const commit = /^emporium_db_transactions_committed\{[^}]*database="([^"]+)"[^}]*\} (\d+(?:\.\d+)?)/.exec(line)
      if (commit) commitsByDatabase.set(commit[1]!, Number(commit[2]))
      const published = /^emporium_messages_published_total\{[^}]*\} (\d+(?:\.\d+)?)/.exec(line)
      if (published) messages = (messages ?? 0) + Number(published[1])
    }
  }
  const commits = commitsByDatabase.size === 0 ? undefined : [...commitsByDatabase.values()].reduce((a, b) => a + b, 0)
  return { commits, messages }
}

export async function snapshotCost(processes: ReadonlyArray<{ name: string; pid: number | undefined }>, source: CounterSource): Promise<CostSnapshot> {
  const counters = source.kind === 'postgres' ? await postgresCounters(source) : await metricsCounters(source.urls)
  return {
    processCpuMs: Object.fromEntries(processes.map((p) => [p.name, p.pid ? cpuMsOf(p.pid) : 0])),
    engineCpuMs: engineCpuMs(),
    commits: counters.commits,
    messages: counters.messages,
  }
}

/**
 * PostgreSQL backends report their counts at most once a second while busy, and an idle one
 * only 10 s after its last report: a snapshot waits that long for the counts to be complete.
 */
export const STATS_SETTLE_MS = 11_000

export function costPerOrder(before: CostSnapshot, after: CostSnapshot, orders: number): Cost {
  const per = (n: number) => Math.round((n / Math.max(1, orders)) * 10) / 10
  const byProcess = Object.fromEntries(Object.keys(after.processCpuMs).map((name) => [name, per((after.processCpuMs[name] ?? 0) - (before.processCpuMs[name] ?? 0))]))
  const delta = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : per(a - b))
  const sumOf = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0)
  return {
    orders,
    cpuMsPerOrder: per(Object.keys(after.processCpuMs).reduce((sum, name) => sum + (after.processCpuMs[name] ?? 0) - (before.processCpuMs[name] ?? 0), 0)),
    cpuMsPerOrderByProcess: byProcess,
    engineCpuMsPerOrder: per(sumOf(after.engineCpuMs) - sumOf(before.engineCpuMs)),
    engineCpuMsPerOrderByEngine: Object.fromEntries(Object.keys(after.engineCpuMs).map((e) => [e, per((after.engineCpuMs[e] ?? 0) - (before.engineCpuMs[e] ?? 0))])),
    commitsPerOrder: delta(after.commits, before.commits),
    messagesPerOrder: delta(after.messages, before.messages),
  }
}
