import { stockLabel, stockLevel } from './stock.ts'

/** Availability as a coloured line of text (the colour is never the only signal). */
export function Stock({ available }: { available: number }) {
  return <span className={`stock stock-${stockLevel(available)}`}>{stockLabel(available)}</span>
}
