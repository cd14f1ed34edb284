/** Card checks made at the edge, before a number goes anywhere: pure functions, no I/O. */

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay' | 'unknown'

/** The number as typed, with its spaces taken out ("4242 4242 4242 4242" → "4242424242424242"). */
export function normalizeCardNumber(input: string): string {
  return input.replace(/ /g, '')
}

/** Whether a normalized number has the shape of a card number: 12 to 19 digits. */
export function hasCardNumberShape(digits: string): boolean {
  return /^\d{12,19}$/.test(digits)
}

/** The Luhn (mod 10) check every card number passes. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

function prefixBetween(digits: string, length: number, low: number, high: number): boolean {
  const prefix = Number(digits.slice(0, length))
  return prefix >= low && prefix <= high
}

/** The card network, from the number's leading digits. */
export function brandOf(digits: string): CardBrand {
  if (digits.startsWith('4')) return 'visa'
  if (prefixBetween(digits, 2, 51, 55) || prefixBetween(digits, 4, 2221, 2720)) return 'mastercard'
  if (digits.startsWith('34') || digits.startsWith('37')) return 'amex'
  if (digits.startsWith('6011') || digits.startsWith('65') || prefixBetween(digits, 3, 644, 649)) return 'discover'
  if (prefixBetween(digits, 4, 3528, 3589)) return 'jcb'
  if (digits.startsWith('36') || digits.startsWith('38') || prefixBetween(digits, 3, 300, 305)) return 'diners'
  if (digits.startsWith('62')) return 'unionpay'
  return 'unknown'
}

/** A card is good through the last day of its expiry month (UTC). */
export function isExpired(expMonth: number, expYear: number, now: Date = new Date()): boolean {
  const year = now.getUTCFullYear()
  const month = now.getUTCMonth() + 1
  return expYear < year || (expYear === year && expMonth < month)
}

export function isCvcShaped(cvc: string): boolean {
  return /^\d{3,4}$/.test(cvc)
}

export interface CardFieldError {
  path: 'cardNumber' | 'expMonth' | 'expYear' | 'cvc'
  message: string
}

/** Every reason a card cannot be used, per field; empty when it may be sent to the provider. */
export function checkCard(card: { cardNumber: string; expMonth: number; expYear: number; cvc: string }, now: Date = new Date()): CardFieldError[] {
  const errors: CardFieldError[] = []
  const digits = normalizeCardNumber(card.cardNumber)
  if (!hasCardNumberShape(digits)) errors.push({ path: 'cardNumber', message: 'A card number is 12 to 19 digits (spaces allowed).' })
  else if (!passesLuhn(digits)) errors.push({ path: 'cardNumber', message: 'This is not a valid card number (it fails the Luhn check).' })
  if (isExpired(card.expMonth, card.expYear, now)) errors.push({ path: 'expYear', message: 'The card has expired.' })
  if (!isCvcShaped(card.cvc)) errors.push({ path: 'cvc', message: 'The security code is 3 or 4 digits.' })
  return errors
}
