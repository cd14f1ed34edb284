import { describe, expect, it } from 'vitest'
import { formatAddress, formatMoney } from './notification.format.ts'
import {
  cancelledPayload,
  confirmedPayload,
  deliveredPayload,
  newCustomer,
  orderRef,
  refundedPayload,
  shippedPayload,
} from './notification.test-kit.ts'
import {
  renderLowStock,
  renderOrderCancelled,
  renderOrderConfirmed,
  renderOrderDelivered,
  renderOrderShipped,
  renderPaymentRefunded,
} from './notification.templates.ts'

const ref = () => orderRef(newCustomer(), 'EMP-204518')

describe('formatMoney', () => {
  it.each([
    [{ amount: 1999, currency: 'USD' }, '$19.99'],
    [{ amount: 0, currency: 'USD' }, '$0.00'],
    [{ amount: 123456789, currency: 'USD' }, '$1,234,567.89'],
    [{ amount: 500, currency: 'EUR' }, '€5.00'],
    [{ amount: 1500, currency: 'JPY' }, '¥1,500'],
    [{ amount: 1234, currency: 'KWD' }, 'KWD 1.234'],
  ])('%j reads as %s', (money, text) => {
    expect(formatMoney(money).replace(/\u00a0/g, ' ')).toBe(text)
  })
})

describe('formatAddress', () => {
  it('leaves out the parts an address does not have', () => {
    expect(formatAddress({ fullName: 'Bo', line1: '1 Main St', line2: null, city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' }, '')).toBe(
      'Bo\n1 Main St\nSpringfield, IL 62701\nUS',
    )
  })
})

describe('order confirmed', () => {
  const r = renderOrderConfirmed(confirmedPayload(ref()))

  it('names the order number in the subject', () => {
    expect(r.template).toBe('order_confirmed')
    expect(r.subject).toContain('EMP-204518')
    expect(r.subject).toMatch(/confirmed/i)
  })

  it('lists every line with its quantity, unit price and line total, then subtotal, shipping and total', () => {
    expect(r.body).toContain('2 × Blue Mug (MUG-BLUE) at $12.50 = $25.00')
    expect(r.body).toContain('1 × Logo Tee (TEE-M) at $19.99 = $19.99')
    expect(r.body).toContain('Subtotal: $44.99')
    expect(r.body).toContain('Shipping (Standard (3-5 days)): $5.99')
    expect(r.body).toContain('Total: $50.98')
  })

  it('says where it ships and how', () => {
    expect(r.body).toContain('Hello Ada Lovelace')
    expect(r.body).toContain('12 Analytical Row\n  Flat 3\n  London, N1 9GU\n  GB')
    expect(r.body).toContain('Shipping method: Standard (3-5 days)')
  })
})

describe('order cancelled', () => {
  it.each([
    ['out_of_stock', /ran out of stock/],
    ['timeout', /could not finish processing it in time/],
    ['customer_cancelled', /you asked us to cancel it/],
  ] as const)('when the reason is %s, then it is told in words', (reason, words) => {
    const r = renderOrderCancelled(cancelledPayload(ref(), reason))
    expect(r.template).toBe('order_cancelled')
    expect(r.subject).toContain('EMP-204518')
    expect(r.body).toMatch(words)
    expect(r.body).not.toContain(reason)
    expect(r.body).toContain('2 × Blue Mug (MUG-BLUE)')
  })

  it('when stock ran out, then the detail names what ran out', () => {
    const r = renderOrderCancelled(cancelledPayload(ref(), 'out_of_stock', { detail: 'MUG-BLUE: 1 left' }))
    expect(r.body).toContain('MUG-BLUE: 1 left')
  })

  it('when it was cancelled before confirmation, then the customer learns nothing was charged', () => {
    expect(renderOrderCancelled(cancelledPayload(ref(), 'timeout')).body).toMatch(/not been charged.*\$30\.99/s)
  })

  it('when it was cancelled after confirmation, then the customer learns the total will be refunded', () => {
    const r = renderOrderCancelled(cancelledPayload(ref(), 'customer_cancelled', { previousStatus: 'confirmed' }))
    expect(r.body).toMatch(/\$30\.99 you paid will be refunded/)
  })

  it('when the payment was declined, then it is a payment_failed message saying so, with the processor detail', () => {
    const r = renderOrderCancelled(cancelledPayload(ref(), 'payment_declined', { detail: 'Your card has insufficient funds.' }))
    expect(r.template).toBe('payment_failed')
    expect(r.subject).toContain('EMP-204518')
    expect(r.subject).toMatch(/declined/i)
    expect(r.body).toContain('your payment was declined')
    expect(r.body).toContain('Your card has insufficient funds.')
    expect(r.body).toMatch(/not been charged/)
  })
})

describe('order shipped and delivered', () => {
  it('a shipped order names the carrier and the tracking number', () => {
    const r = renderOrderShipped(shippedPayload(ref()))
    expect(r.template).toBe('order_shipped')
    expect(r.subject).toContain('EMP-204518')
    expect(r.body).toContain('Carrier: UPS')
    expect(r.body).toContain('Tracking number: 1Z999AA10123456784')
  })

  it('a delivered order says when, lists what came, and invites a review', () => {
    const r = renderOrderDelivered(deliveredPayload(ref()))
    expect(r.template).toBe('order_delivered')
    expect(r.subject).toContain('EMP-204518')
    expect(r.body).toContain('2025-03-04')
    expect(r.body).toContain('Blue Mug')
    expect(r.body).toMatch(/review/i)
  })
})

describe('payment refunded', () => {
  it('names the amount refunded now and the total refunded so far, and the order number when known', () => {
    const r = renderPaymentRefunded(refundedPayload(ref(), 1250, 2500), 'EMP-204518')
    expect(r.template).toBe('payment_refunded')
    expect(r.subject).toContain('EMP-204518')
    expect(r.subject).toContain('$12.50')
    expect(r.body).toContain('refunded $12.50')
    expect(r.body).toContain('$25.00 in total')
  })

  it('when the payment is fully refunded, then it says so', () => {
    expect(renderPaymentRefunded(refundedPayload(ref(), 5098, 5098, 'refunded'), 'EMP-1').body).toMatch(/refunded in full: \$50\.98/)
  })

  it('when the order number is not known, then it speaks of "your order"', () => {
    const r = renderPaymentRefunded(refundedPayload(ref()), undefined)
    expect(r.subject).toContain('your Emporium order')
    expect(r.body).toContain('for your order')
  })
})

describe('low stock', () => {
  it('tells the admin the sku, what is available and the threshold', () => {
    const r = renderLowStock({ sku: 'MUG-BLUE', available: 2, threshold: 5 }, { firstName: 'Alex' })
    expect(r.template).toBe('low_stock')
    expect(r.subject).toContain('MUG-BLUE')
    expect(r.body).toContain('Hello Alex')
    expect(r.body).toContain('2 available')
    expect(r.body).toContain('threshold of 5')
    expect(r.body).toContain('running low')
  })

  it('when nothing is left, then it says out of stock', () => {
    expect(renderLowStock({ sku: 'TEE-M', available: 0, threshold: 5 }, { firstName: 'Alex' }).body).toContain('out of stock')
  })
})
