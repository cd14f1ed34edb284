import { createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { ApiError, type FakePaymentIntent, FakeStripeLedger, id, type Json, parseForm } from './fake-stripe-resources.ts'

/**
 * A local fake of the part of Stripe's HTTP API the payment service uses, for tests: payment
 * methods, PaymentIntents with manual capture, capture, cancel and refunds. Bodies are
 * form-encoded as the official SDK sends them; answers and errors are Stripe-shaped (a decline is
 * a 402 `card_error` carrying its `decline_code` and the PaymentIntent). `Idempotency-Key` is
 * honoured as Stripe does: the same key and body get the first answer again (`Idempotent-Replayed:
 * true`), the same key with another body is a 400 `idempotency_error`. Test cards behave as
 * Stripe's: 4242… succeeds, 4000000000000002 is `generic_decline`, 4000000000009995
 * `insufficient_funds`, 4000000000000259 succeeds and is disputed after capture.
 *
 * Injected failures (`failNext`) happen in front of the idempotency layer, as a network or load
 * balancer fault would: a 500 or a hang, before the operation runs or (with `after`) after it ran
 * and was stored, as when the answer is lost on the way back.
 */

export const FAKE_STRIPE_SECRET_KEY = 'sk_test_emporium_fake'
export const FAKE_STRIPE_WEBHOOK_SECRET = 'whsec_emporium_fake_stripe'

export interface FakeStripe {
  url: string
  secretKey: string
  webhookSecret: string
  /** Requests that carried this Idempotency-Key, replays and injected failures included. */
  requestsWith(key: string): number
  /** Times an operation actually ran under this key: never more than one. */
  executionsWith(key: string): number
  paymentIntents(): FakePaymentIntent[]
  refunds(): Json[]
  /** The next `count` API requests fail: a 500 or a hang, before the operation runs or after. */
  failNext(count: number, how?: { mode?: 'error' | 'hang'; after?: boolean }): void
  /** Where disputes (after a capture on 4000000000000259), cancellations and refunds are sent as signed webhooks. */
  setWebhookUrl(url: string | undefined): void
  /** Webhook events sent so far. */
  sentEvents(): Json[]
  /** Signs an event with the webhook secret and POSTs it to `url`, as Stripe does. */
  sendWebhook(url: string, event: Json, options?: { secret?: string; timestamp?: number; signature?: string | null }): Promise<{ status: number; body: string }>
  /** A Stripe-shaped event around `object`. */
  event(type: string, object: Json, id?: string): Json
  close(): Promise<void>
}

export function stripeSignatureHeader(payload: string, secret: string, timestamp: number = Math.floor(Date.now() / 1000)): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex')
  return `t=${timestamp},v1=${signature}`
}

export async function startFakeStripe(options: { webhookUrl?: string; webhookSecret?: string } = {}): Promise<FakeStripe> {
  const webhookSecret = options.webhookSecret ?? FAKE_STRIPE_WEBHOOK_SECRET
  let webhookUrl = options.webhookUrl
  const stored = new Map<string, { fingerprint: string; status: number; body: Json }>()
  const requests = new Map<string, number>()
  const executions = new Map<string, number>()
  const failures: Array<{ mode: 'error' | 'hang'; after: boolean }> = []
  const sockets = new Set<Socket>()
  const sent: Json[] = []
  const deliveries = new Set<Promise<unknown>>()

  const event = (type: string, object: Json, eventId = id('evt')): Json => ({
    id: eventId,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  })

  async function sendWebhook(url: string, evt: Json, opts: { secret?: string; timestamp?: number; signature?: string | null } = {}) {
    const payload = JSON.stringify(evt)
    const signature = opts.signature === undefined ? stripeSignatureHeader(payload, opts.secret ?? webhookSecret, opts.timestamp) : opts.signature
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...(signature === null ? {} : { 'stripe-signature': signature }) },
      body: payload,
    })
    return { status: res.status, body: await res.text() }
  }

  function notify(type: string, object: Json): void {
    if (!webhookUrl) return
    const evt = event(type, object)
    sent.push(evt)
    const delivery = sendWebhook(webhookUrl, evt).catch(() => undefined)
    deliveries.add(delivery)
    void delivery.finally(() => deliveries.delete(delivery))
  }

  const ledger = new FakeStripeLedger(notify)

  function answer(res: ServerResponse, status: number, body: Json, replayed = false): void {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req'), ...(replayed ? { 'idempotent-replayed': 'true' } : {}) })
    res.end(JSON.stringify(body))
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined
    if (key) requests.set(key, (requests.get(key) ?? 0) + 1)
    const failure = failures.shift()
    if (failure && !failure.after) {
      if (failure.mode === 'error') answer(res, 500, { error: { type: 'api_error', message: 'Injected failure.' } })
      return // a hang: the socket stays open until the client gives up or the fake closes
    }
    if (req.headers.authorization !== `Bearer ${FAKE_STRIPE_SECRET_KEY}`) {
      answer(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } })
      return
    }
    const path = new URL(req.url ?? '/', 'http://fake').pathname
    const fingerprint = `${req.method} ${path} ${raw}`
    const previous = key ? stored.get(key) : undefined
    if (previous) {
      if (previous.fingerprint !== fingerprint) {
        answer(res, 400, {
          error: { type: 'idempotency_error', message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.` },
        })
        return
      }
      if (!failure) answer(res, previous.status, previous.body, true)
      else if (failure.mode === 'error') answer(res, 500, { error: { type: 'api_error', message: 'Injected failure.' } })
      return
    }
    let status = 200
    let body: Json
    try {
      if (key) executions.set(key, (executions.get(key) ?? 0) + 1)
      body = ledger.route(req.method ?? 'GET', path, parseForm(raw))
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      status = err.status
      body = { error: err.body }
    }
    if (key) stored.set(key, { fingerprint, status, body })
    if (!failure) answer(res, status, body)
    else if (failure.mode === 'error') answer(res, 500, { error: { type: 'api_error', message: 'Injected failure after the operation ran.' } })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => answer(res, 500, { error: { type: 'api_error', message: String(err) } }))
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    secretKey: FAKE_STRIPE_SECRET_KEY,
    webhookSecret,
    requestsWith: (key) => requests.get(key) ?? 0,
    executionsWith: (key) => executions.get(key) ?? 0,
    paymentIntents: () => ledger.paymentIntents(),
    refunds: () => ledger.refunds(),
    failNext(count, how = {}) {
      for (let i = 0; i < count; i += 1) failures.push({ mode: how.mode ?? 'error', after: how.after ?? false })
    },
    setWebhookUrl(url) {
      webhookUrl = url
    },
    sentEvents: () => [...sent],
    sendWebhook,
    event,
    async close() {
      await Promise.allSettled([...deliveries])
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export type { FakePaymentIntent }
