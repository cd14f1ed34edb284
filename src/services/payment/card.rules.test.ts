import { describe, expect, it } from 'vitest'
import { brandOf, checkCard, hasCardNumberShape, isExpired, normalizeCardNumber, passesLuhn } from './card.rules.ts'

describe('card rules', () => {
  it('when a number is typed with spaces, then they are taken out and nothing else is', () => {
    expect(normalizeCardNumber(' 4242 4242 4242 4242 ')).toBe('4242424242424242')
    expect(normalizeCardNumber('4242-4242')).toBe('4242-4242')
  })

  it('when numbers are checked, then the test cards pass Luhn and a changed digit fails', () => {
    for (const n of ['4242424242424242', '4000000000000002', '4000000000009995', '4000000000000259', '5555555555554444', '378282246310005']) {
      expect(passesLuhn(n), n).toBe(true)
    }
    expect(passesLuhn('4242424242424241')).toBe(false)
    expect(passesLuhn('42424242a4242424')).toBe(false)
  })

  it('when a number has 11 or 20 digits, or other characters, then it is not card-shaped', () => {
    expect(hasCardNumberShape('4'.repeat(12))).toBe(true)
    expect(hasCardNumberShape('4'.repeat(19))).toBe(true)
    expect(hasCardNumberShape('4'.repeat(11))).toBe(false)
    expect(hasCardNumberShape('4'.repeat(20))).toBe(false)
    expect(hasCardNumberShape('4242-4242-4242')).toBe(false)
  })

  it('when the leading digits are read, then the network is named', () => {
    expect(brandOf('4242424242424242')).toBe('visa')
    expect(brandOf('5555555555554444')).toBe('mastercard')
    expect(brandOf('2223003122003222')).toBe('mastercard')
    expect(brandOf('378282246310005')).toBe('amex')
    expect(brandOf('6011111111111117')).toBe('discover')
    expect(brandOf('3566002020360505')).toBe('jcb')
    expect(brandOf('36227206271667')).toBe('diners')
    expect(brandOf('6200000000000005')).toBe('unionpay')
    expect(brandOf('9999999999999995')).toBe('unknown')
  })

  it('when a card expires this month it is still good; last month it is expired', () => {
    const now = new Date(Date.UTC(2030, 4, 31, 23, 59))
    expect(isExpired(5, 2030, now)).toBe(false)
    expect(isExpired(4, 2030, now)).toBe(true)
    expect(isExpired(12, 2029, now)).toBe(true)
    expect(isExpired(1, 2031, now)).toBe(false)
  })

  it('when a card is checked, then each problem names its field', () => {
    const now = new Date(Date.UTC(2030, 0, 15))
    expect(checkCard({ cardNumber: '4242 4242 4242 4242', expMonth: 1, expYear: 2030, cvc: '123' }, now)).toEqual([])
    expect(checkCard({ cardNumber: '4242424242424241', expMonth: 12, expYear: 2029, cvc: '1' }, now).map((e) => e.path)).toEqual(['cardNumber', 'expYear', 'cvc'])
  })
})
