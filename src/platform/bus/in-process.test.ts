import { describe, expect, it } from 'vitest'
import type { Envelope } from '../../contracts/message.ts'
import { createLogger } from '../log.ts'
import { InProcessTransport } from './in-process.ts'

const log = createLogger({ logLevel: 'silent' })
const policy = { maxAttempts: 2, delaysMs: [10] }

function envelope(type: string): Envelope {
  return {
    id: '01890a5d-ac96-774b-bcce-b302099a8057',
    type,
    occurredAt: new Date().toISOString(),
    source: 'test',
    correlationId: 'c-1',
    causationId: null,
    traceparent: null,
    payload: {},
  }
}

function recorder(into: string[]) {
  return {
    async handle(e: Envelope) {
      into.push(e.type)
    },
    async deadLetter() {},
  }
}

describe('in-process transport, consumers that start later', () => {
  it('when a message is sent before an expected consumer subscribes, then it reaches that consumer once it does', async () => {
    const transport = new InProcessTransport(policy, log, { expected: { late: ['user.registered'] } })
    const got: string[] = []
    const published = transport.publish(envelope('user.registered'))
    await transport.subscribe('late', ['user.registered'], recorder(got))
    await published
    expect(got).toEqual(['user.registered'])
    await transport.close()
  })

  it('when nothing expects a consumer, then a message sent before it subscribes is not held for it (as before)', async () => {
    const transport = new InProcessTransport(policy, log)
    const got: string[] = []
    await transport.publish(envelope('user.registered'))
    await transport.subscribe('late', ['user.registered'], recorder(got))
    expect(got).toEqual([])
    await transport.close()
  })

  it('when the transport closes before the expected consumer subscribes, then the publish fails, so the outbox keeps the message', async () => {
    const transport = new InProcessTransport(policy, log, { expected: { never: ['user.registered'] } })
    const published = transport.publish(envelope('user.registered'))
    await transport.close()
    await expect(published).rejects.toThrow(/closed before never subscribed/)
  })
})
