import type { PGliteInterface } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { setTimeout as sleep } from 'node:timers/promises'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { eventually } from '../../test/support/eventually.ts'
import { openPglite, pgliteServiceDb, queryRows, type ServiceDb } from './db/db.ts'
import { createLogger } from './log.ts'
import { WorkQueue } from './work-queue.ts'

interface Job {
  id: string
  attempts: number
}

const log = createLogger({ logLevel: 'silent' })
let template: PGliteInterface
let pglite: PGliteInterface
let service: ServiceDb
const queues: Array<WorkQueue<Job>> = []

beforeAll(async () => {
  template = await openPglite(undefined)
  await template.exec(`CREATE SCHEMA q;
    CREATE TABLE q.jobs (
      id uuid PRIMARY KEY,
      done_at timestamptz,
      due_at timestamptz NOT NULL DEFAULT now(),
      claimed_until timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      last_error text
    )`)
})
afterAll(() => template.close())

async function fresh(): Promise<void> {
  pglite = await template.clone()
  service = pgliteServiceDb(pglite)
}

afterEach(async () => {
  for (const q of queues.splice(0)) await q.stop()
  await pglite?.close()
})

function queueOf(maxAttempts = 3): WorkQueue<Job> {
  const queue = new WorkQueue<Job>(service.db, service.afterCommit, {
    name: 'test jobs',
    table: sql`q.jobs`,
    key: 'id',
    pending: sql`t.done_at IS NULL`,
    returning: sql`id, attempts`,
    toRow: (r) => ({ id: String(r.id), attempts: Number(r.attempts) }),
    keyOf: (j) => j.id,
    retry: { maxAttempts, delaysMs: [50] },
  }, log)
  queues.push(queue)
  return queue
}

/** A job written in its own transaction, leased to this process's worker, as the outbox writes its rows. */
async function addLeased(queue: WorkQueue<Job>, options: { rollback?: boolean } = {}): Promise<string> {
  const id = uuidv7()
  await service.db
    .transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO q.jobs (id, claimed_until, attempts) VALUES (${id}, ${queue.leasedUntil()}, 1)`)
      queue.added([{ id, attempts: 1 }])
      if (options.rollback) tx.rollback()
    })
    .catch(() => undefined)
  return id
}

async function doneAt(id: string): Promise<unknown> {
  const [row] = await queryRows<{ done_at: unknown }>(service.db, sql`SELECT done_at FROM q.jobs WHERE id = ${id}`)
  return row?.done_at ?? null
}

describe('the work queue', () => {
  it('when a transaction adds a leased row and commits, then the worker runs it at once, with no claim', async () => {
    await fresh()
    const queue = queueOf()
    const ran: string[] = []
    queue.start({ concurrency: 4, leaseMs: 60_000, run: async (job) => void ran.push(job.id) })
    await sleep(50) // the start-up claim
    const claim = vi.spyOn(queue, 'claim')
    const id = await addLeased(queue)
    await eventually(async () => ran.includes(id), 2_000, 'the run')
    expect(claim).not.toHaveBeenCalled()
  })

  it('when the transaction rolls back, then nothing runs', async () => {
    await fresh()
    const queue = queueOf()
    const ran: string[] = []
    queue.start({ concurrency: 4, leaseMs: 60_000, run: async (job) => void ran.push(job.id) })
    await addLeased(queue, { rollback: true })
    await sleep(100)
    expect(ran).toEqual([])
  })

  it('when nothing is added, then the worker claims once at start and then not again within its lease period', async () => {
    await fresh()
    const queue = queueOf()
    const claim = vi.spyOn(queue, 'claim')
    queue.start({ concurrency: 4, leaseMs: 60_000, run: async () => undefined })
    await sleep(500)
    expect(claim).toHaveBeenCalledTimes(1)
  })

  it('when rows wait unleased (left from before a restart), then the start-up claim runs each once', async () => {
    await fresh()
    const ids = Array.from({ length: 5 }, () => uuidv7())
    for (const id of ids) await service.db.execute(sql`INSERT INTO q.jobs (id) VALUES (${id})`)
    const queue = queueOf()
    const ran: Job[] = []
    queue.start({
      concurrency: 2,
      leaseMs: 60_000,
      async run(job) {
        ran.push(job)
        await queue.finish(service.db, [job.id], sql`done_at = now()`)
      },
    })
    await eventually(async () => ran.length === 5, 2_000, 'all five runs')
    expect(new Set(ran.map((j) => j.id))).toEqual(new Set(ids))
    expect(ran.every((j) => j.attempts === 1)).toBe(true)
    for (const id of ids) expect(await doneAt(id)).not.toBeNull()
  })

  it('when a run fails, then it runs again after the backoff, counting its attempts, until they are spent', async () => {
    await fresh()
    const queue = queueOf(3)
    const attempts: number[] = []
    let spent = false
    queue.start({
      concurrency: 1,
      leaseMs: 60_000,
      async run(job) {
        attempts.push(job.attempts)
        const wait = await queue.retry(service.db, job.id, job.attempts, 'the far side said no')
        if (wait === undefined) spent = true
      },
    })
    const id = await addLeased(queue)
    await eventually(async () => spent, 3_000, 'the attempts to be spent')
    expect(attempts).toEqual([1, 2, 3])
    const [row] = await queryRows<{ last_error: string; claimed_until: unknown }>(service.db, sql`SELECT last_error, claimed_until FROM q.jobs WHERE id = ${id}`)
    expect(row?.last_error).toBe('the far side said no')
  })

  it('when a row is finished, then a later claim never takes it again', async () => {
    await fresh()
    const queue = queueOf()
    const id = uuidv7()
    await service.db.execute(sql`INSERT INTO q.jobs (id) VALUES (${id})`)
    const [claimed] = await queue.claim(10, 60_000)
    expect(claimed?.id).toBe(id)
    await queue.finish(service.db, [id], sql`done_at = now()`)
    await service.db.execute(sql`UPDATE q.jobs SET claimed_until = NULL`)
    expect(await queue.claim(10, 60_000)).toEqual([])
  })

  it('when a row is held by a lease, then another claim skips it until the lease ends', async () => {
    await fresh()
    const queue = queueOf()
    const id = uuidv7()
    await service.db.execute(sql`INSERT INTO q.jobs (id, claimed_until, attempts) VALUES (${id}, now() + interval '300 milliseconds', 1)`)
    expect(await queue.claim(10, 60_000)).toEqual([])
    await sleep(350)
    expect(await queue.claim(10, 60_000)).toEqual([{ id, attempts: 2 }])
  })

  it('when a run takes longer than the lease, then its worker renews the lease and no other worker takes the row meanwhile', async () => {
    await fresh()
    const queue = queueOf()
    const other = queueOf()
    let runs = 0
    queue.start({
      concurrency: 1,
      leaseMs: 600,
      async run(job) {
        runs += 1
        await sleep(1_500)
        await queue.finish(service.db, [job.id], sql`done_at = now()`)
      },
    })
    const id = await addLeased(queue)
    const takenByOther: Job[] = []
    for (let i = 0; i < 12; i++) {
      await sleep(100)
      takenByOther.push(...(await other.claim(10, 600)))
    }
    await eventually(async () => (await doneAt(id)) !== null, 3_000, 'the long run to finish')
    expect(takenByOther).toEqual([])
    expect(runs).toBe(1)
  })

  it('when more rows are handed over than there are slots, then they all run, never more at once than the concurrency', async () => {
    await fresh()
    const queue = queueOf()
    let running = 0
    let most = 0
    const ran = new Set<string>()
    queue.start({
      concurrency: 3,
      leaseMs: 60_000,
      async run(job) {
        running += 1
        most = Math.max(most, running)
        await sleep(20)
        ran.add(job.id)
        running -= 1
      },
    })
    for (let i = 0; i < 12; i++) await addLeased(queue)
    await eventually(async () => ran.size === 12, 3_000, 'all twelve runs')
    expect(most).toBeLessThanOrEqual(3)
  })
})
