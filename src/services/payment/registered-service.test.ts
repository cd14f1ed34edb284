import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { ADMIN_ENV, adminToken, authorize, CARDS, newCustomer, paymentWhen, sent, tokenize, usd } from './payment.test-kit.ts'

let s: TestServices

beforeAll(async () => {
  s = await startTestServices(['identity', 'payment'], { env: ADMIN_ENV })
})
afterAll(() => s?.stop())

describe('the payment service as the launcher starts it', () => {
  it('when it runs with its default settings (the simulator, the worker on its own clocks), then a tokenized card is authorized from the command alone', async () => {
    const pay = s.get('payment')
    const customer = await newCustomer(s)
    const orderId = await authorize(pay, customer, await tokenize(pay, customer, CARDS.ok), 999)
    const payment = await paymentWhen(pay, await adminToken(s), orderId, (p) => p.status === 'authorized')
    expect(payment).toMatchObject({ provider: 'simulator', amount: usd(999) })
    expect(await sent(s, 'payment.authorized', orderId)).toHaveLength(1)
  })
})
