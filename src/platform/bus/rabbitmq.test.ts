import { Socket } from 'node:net'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestVhost, type TestVhost } from '../../../test/support/rabbitmq.ts'
import { serversAvailable } from '../../../test/support/servers.ts'
import { RabbitTransport } from './rabbitmq.ts'

const rabbitUp = await serversAvailable('rabbitmq')

describe.skipIf(!rabbitUp)('RabbitMQ transport connection', () => {
  let vhost: TestVhost
  beforeAll(async () => {
    vhost = await createTestVhost('nodelay')
  })
  afterAll(() => vhost?.cleanup())

  it("turns Nagle's algorithm off, so small frames (a delivery's ack) are not held back ~40 ms per hop", async () => {
    const setNoDelay = vi.spyOn(Socket.prototype, 'setNoDelay')
    try {
      const transport = await RabbitTransport.connect({
        url: vhost.url,
        prefix: 'nodelay',
        policy: { maxAttempts: 2, delaysMs: [20] },
        log: pino({ level: 'silent' }),
        topology: {},
      })
      await transport.close()
      expect(setNoDelay).toHaveBeenCalledWith(true)
    } finally {
      setNoDelay.mockRestore()
    }
  })
})
