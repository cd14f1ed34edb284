import { Writable } from 'node:stream'
import type { PGliteInterface } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { eventually } from '../../../test/support/eventually.ts'
import { defineMessage, type Envelope } from '../../contracts/message.ts'
import { runWithContext } from '../context.ts'
import { createLogger } from '../log.ts'
import { openPglite, pgliteServiceDb, queryRows, type ServiceDb } from '../db/db.ts'
import { migrate } from '../db/migrate.ts'
import { Consumer, on } from './consumer.ts'
import { InProcessTransport } from './in-process.ts'
import { Outbox } from './outbox.ts'
import { busMigrations } from './tables.ts'

const orderPlaced = defineMessage('ctxtest.order_placed', z.object({ orderId: z.string() }))
const stockReserved = defineMessage('ctxtest.stock_reserved', z.object({ orderId: z.string() }))

let pglite: PGliteInterface
let a: ServiceDb
let b: ServiceDb
let transport: InProcessTransport
let outboxA: Outbox
let outboxB: Outbox

beforeAll(async () => {
  pglite = await openPglite(undefined)
  a = pgliteServiceDb(pglite)
  b = pgliteServiceDb(pglite)
  await migrate(a.db, 'ctx_a', busMigrations('ctx_a'))
  await migrate(b.db, 'ctx_b', busMigrations('ctx_b'))
  const log = createLogger({ logLevel: 'silent' })
  transport = new InProcessTransport({ maxAttempts: 2, delaysMs: [10] }, log)
  outboxA = new Outbox(a.db, a.afterCommit, 'ctx_a', 'a', transport, log)
  outboxB = new Outbox(b.db, b.afterCommit, 'ctx_b', 'b', transport, log)
  const consumer = new Consumer('b', 'ctx_b', b.db, transport, log, [
    on(orderPlaced, async (msg, tx) => {
      await outboxB.add(tx, stockReserved({ orderId: msg.payload.orderId }))
    }),
  ])
  await consumer.start()
  outboxA.start()
  outboxB.start()
})

afterAll(async () => {
  await transport.close()
  await outboxA.stop()
  await outboxB.stop()
  await pglite.close()
})

describe('correlation across services', () => {
  it("a message caused by another carries the first request's correlation id and trace, and names its cause", async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'
    const first = await runWithContext({ correlationId: 'req-42', traceparent }, () =>
      a.db.transaction((tx) => outboxA.add(tx, orderPlaced({ orderId: 'o-1' }))),
    )
    expect(first).toMatchObject({ correlationId: 'req-42', traceparent, causationId: null })

    const followUp = await eventually(async () => {
      const rows = await queryRows<{ envelope: Envelope }>(b.db, sql`SELECT envelope FROM ctx_b.outbox`)
      return rows[0]?.envelope
    }, 5000, 'the follow-up message')
    expect(followUp).toMatchObject({ type: 'ctxtest.stock_reserved', correlationId: 'req-42', traceparent, causationId: first.id })
  })

  it('without a request, a message starts its own chain', async () => {
    const envelope = await a.db.transaction((tx) => outboxA.add(tx, orderPlaced({ orderId: 'o-2' })))
    expect(envelope.correlationId).toBe(envelope.id)
    expect(envelope.traceparent).toBeNull()
  })
})

describe('logs', () => {
  it('every line logged inside a request or message names its correlation id, and secrets are redacted', () => {
    const written: string[] = []
    const log = createLogger({ logLevel: 'info' }, {}, new Writable({ write: (chunk, _enc, done) => (written.push(String(chunk)), done()) }))
    runWithContext({ correlationId: 'req-77', traceparent: null }, () => log.info({ body: { password: 'hunter2' } }, 'inside'))
    log.info('outside')
    expect(JSON.parse(written[0]!)).toMatchObject({ msg: 'inside', correlationId: 'req-77', body: { password: '[redacted]' } })
    expect(JSON.parse(written[1]!).correlationId).toBeUndefined()
  })
})
