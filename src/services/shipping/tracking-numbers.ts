import { randomInt } from 'node:crypto'

const DIGITS = '0123456789'
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** A uniform integer in [0, n): crypto by default, a fixed sequence in tests. */
export type PickIndex = (n: number) => number

function draw(alphabet: string, length: number, pick: PickIndex): string {
  let out = ''
  for (let i = 0; i < length; i += 1) out += alphabet[pick(alphabet.length)]
  return out
}

/**
 * A new tracking number in the style of the carrier: UPS `1Z` + 16 letters and digits, USPS 22
 * digits starting 94, FedEx 12 digits, DHL 10 digits, any other carrier `EMP` + 13 letters and
 * digits. Drawn at random; the shorter formats can repeat over millions of shipments, so the
 * unique index has the last word and the caller draws again on a clash.
 */
export function newTrackingNumber(carrier: string, pick: PickIndex = randomInt): string {
  if (/\busps\b/i.test(carrier)) return `94${draw(DIGITS, 20, pick)}`
  if (/\bups\b/i.test(carrier)) return `1Z${draw(ALPHANUMERIC, 16, pick)}`
  if (/\bfedex\b/i.test(carrier)) return draw(DIGITS, 12, pick)
  if (/\bdhl\b/i.test(carrier)) return draw(DIGITS, 10, pick)
  return `EMP${draw(ALPHANUMERIC, 13, pick)}`
}
