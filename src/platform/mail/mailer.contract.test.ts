import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSmtpSink, type SmtpSink } from '../../../test/support/smtp-sink.ts'
import { InboxMailer, type Mailer, SmtpMailer } from './mailer.ts'

let sink: SmtpSink
beforeAll(async () => {
  sink = await startSmtpSink()
})
afterAll(() => sink.close())

const implementations: Array<[string, () => Mailer]> = [
  ['inbox', () => new InboxMailer()],
  ['smtp', () => new SmtpMailer(sink.url, 'Emporium <shop@example.com>')],
]

describe.each(implementations)('%s mailer', (kind, make) => {
  it('accepts a message and gives it an id', async () => {
    const mailer = make()
    try {
      const { messageId } = await mailer.send({ to: 'ada@example.com', subject: 'Your order EMP-7K2-QX9', text: 'Hello Ada' })
      expect(messageId).toBeTruthy()
      if (kind === 'smtp') {
        const mail = sink.received.at(-1)
        expect(mail?.to).toEqual(['ada@example.com'])
        expect(mail?.from).toBe('shop@example.com')
        expect(mail?.subject).toBe('Your order EMP-7K2-QX9')
        expect(mail?.raw).toContain('Hello Ada')
      }
    } finally {
      await mailer.close()
    }
  })
})

describe('smtp mailer', () => {
  it("rejects with the server's reason when the server refuses, so the caller can retry", async () => {
    const mailer = new SmtpMailer(sink.url, 'shop@example.com')
    try {
      sink.refuseNext(1)
      await expect(mailer.send({ to: 'bo@example.com', subject: 'Hi', text: 'x' })).rejects.toThrow(/451|Try again/)
      await expect(mailer.send({ to: 'bo@example.com', subject: 'Hi again', text: 'x' })).resolves.toBeTruthy()
    } finally {
      await mailer.close()
    }
  })

  it('rejects when nothing listens at the address', async () => {
    const mailer = new SmtpMailer('smtp://127.0.0.1:1', 'shop@example.com')
    try {
      await expect(mailer.send({ to: 'bo@example.com', subject: 'Hi', text: 'x' })).rejects.toThrow()
    } finally {
      await mailer.close()
    }
  })
})
