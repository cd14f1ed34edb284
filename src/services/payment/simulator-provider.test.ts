import type { PGliteInterface } from '@electric-sql/pglite'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgliteServiceDb } from '../../platform/db/db.ts'
import { createLogger } from '../../platform/log.ts'
import { migratedPglite } from '../../../test/support/pglite.ts'
import { type PaymentProvider, ProviderError } from './payment-provider.ts'
import { SIMULATOR_SIGNATURE_HEADER, SimulatorProvider } from './simulator-provider.ts'
import { simulatorWebhookQueue } from './simulator-webhooks.ts'
import { signatureHeader } from './webhook-signature.ts'

const SECRET = 'whsec_simulator_unit_test_secret'
let pg: PGliteInterface
let simulator: SimulatorProvider

beforeAll(async () => {
  pg = await migratedPglite()
  const { db, afterCommit } = pgliteServiceDb(pg)
  simulator = new SimulatorProvider(db, SECRET, simulatorWebhookQueue(db, afterCommit, createLogger({ logLevel: 'silent' })))
})
afterAll(() => pg?.close())

const usd = (amount: number) => ({ amount, currency: 'USD' })
const ref = () => ({ paymentId: uuidv7(), orderId: uuidv7() })
const card = (number: string) => ({ number, expMonth: 12, expYear: new Date().getUTCFullYear() + 1, cvc: '123' })

async function heldCharge(provider: PaymentProvider, amount: number, number = '4242424242424242'): Promise<string> {
  const method = await provider.createPaymentMethod(card(number), uuidv7())
  const held = await provider.authorize(usd(amount), method.id, uuidv7(), ref())
  if (!held.ok) throw new Error(`expected an authorization, got ${held.message}`)
  return held.ref
}

describe('the simulator, as a processor in test mode', () => {
  it('when a key is repeated with the same request, then the first answer comes back and no second charge is made', async () => {
    const method = await simulator.createPaymentMethod(card('4242424242424242'), uuidv7())
    const key = `authorize:${uuidv7()}`
    const reference = ref()
    const first = await simulator.authorize(usd(700), method.id, key, reference)
    const again = await simulator.authorize(usd(700), method.id, key, reference)
    expect(again).toEqual(first)
    const { rows } = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM payment.simulator_charges WHERE metadata->>'orderId' = $1`, [reference.orderId])
    expect(rows[0]?.n).toBe(1)
    const replays = await pg.query<{ replays: number }>('SELECT replays FROM payment.simulator_requests WHERE idempotency_key = $1', [key])
    expect(replays.rows[0]?.replays).toBe(1)
  })

  it('when a key is repeated with other parameters, then it is refused for good, as Stripe does', async () => {
    const method = await simulator.createPaymentMethod(card('4242424242424242'), uuidv7())
    const key = uuidv7()
    const reference = ref()
    await simulator.authorize(usd(700), method.id, key, reference)
    const error = await simulator.authorize(usd(701), method.id, key, reference).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProviderError)
    expect(error).toMatchObject({ code: 'idempotency_error', retryable: false })
  })

  it('when a declined card is retried under the same key, then the same decline comes back', async () => {
    const method = await simulator.createPaymentMethod(card('4000000000000002'), uuidv7())
    const key = uuidv7()
    const reference = ref()
    const expected = { ok: false, reason: 'declined', message: 'Your card was declined.' }
    expect(await simulator.authorize(usd(700), method.id, key, reference)).toEqual(expected)
    expect(await simulator.authorize(usd(700), method.id, key, reference)).toEqual(expected)
  })

  it('when more is captured than was authorized, or a charge is captured twice, then it is refused', async () => {
    const charge = await heldCharge(simulator, 500)
    await expect(simulator.capture(charge, usd(501), uuidv7())).rejects.toMatchObject({ code: 'amount_too_large', retryable: false })
    await simulator.capture(charge, usd(500), uuidv7())
    await expect(simulator.capture(charge, usd(500), uuidv7())).rejects.toMatchObject({ code: 'charge_unexpected_state' })
    await expect(simulator.void(charge, uuidv7())).rejects.toMatchObject({ code: 'charge_unexpected_state' })
  })

  it('when more is refunded than was captured, then it is refused; refunds add up to the capture at most', async () => {
    const charge = await heldCharge(simulator, 1000)
    await expect(simulator.refund(charge, usd(100), uuidv7())).rejects.toMatchObject({ code: 'charge_not_captured' })
    await simulator.capture(charge, usd(1000), uuidv7())
    await simulator.refund(charge, usd(600), uuidv7())
    await expect(simulator.refund(charge, usd(401), uuidv7())).rejects.toMatchObject({ code: 'amount_too_large' })
    expect(await simulator.refund(charge, usd(400), uuidv7())).toMatchObject({ refundRef: expect.stringMatching(/^re_sim_/) })
  })

  it('when 4000000000000259 is captured, then a signed dispute webhook is queued that the simulator itself verifies', async () => {
    const charge = await heldCharge(simulator, 900, '4000000000000259')
    await simulator.capture(charge, usd(900), uuidv7())
    const { rows } = await pg.query<{ payload: string }>(`SELECT payload FROM payment.simulator_webhooks WHERE type = 'charge.dispute.created' AND payload LIKE $1`, [`%${charge}%`])
    const payload = rows[0]?.payload ?? ''
    const event = simulator.verifyWebhook(Buffer.from(payload), { [SIMULATOR_SIGNATURE_HEADER.toLowerCase()]: signatureHeader(payload, SECRET) })
    expect(event).toMatchObject({ kind: 'dispute', ref: charge, amountMinor: 900, currency: 'USD', reason: 'fraudulent' })
    expect(() => simulator.verifyWebhook(Buffer.from(payload), {})).toThrow('not signed')
    expect(() => simulator.verifyWebhook(Buffer.from(`${payload} `), { 'simulator-signature': signatureHeader(payload, SECRET) })).toThrow('does not match')
  })

  it('when a card is tokenized, then neither its number nor anything it could be read back from is stored', async () => {
    const number = '4000056655665556'
    const method = await simulator.createPaymentMethod(card(number), uuidv7())
    expect(method).toMatchObject({ brand: 'visa', last4: '5556' })
    for (const table of ['simulator_payment_methods', 'simulator_requests']) {
      const { rows } = await pg.query<{ row: string }>(`SELECT t::text AS row FROM payment.${table} t`)
      expect(rows.some((r) => r.row.includes(number) || r.row.includes(number.slice(0, 12)))).toBe(false)
    }
  })
})
