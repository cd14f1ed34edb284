/** "Only N left" is shown at or below this many units. */
export const LOW_STOCK = 5

export type StockLevel = 'in' | 'low' | 'out'

export function stockLevel(available: number): StockLevel {
  if (available <= 0) return 'out'
  if (available <= LOW_STOCK) return 'low'
  return 'in'
}

/** What a shopper reads about availability: "In stock", "Only 3 left", "Out of stock". */
export function stockLabel(available: number): string {
  const level = stockLevel(available)
  if (level === 'out') return 'Out of stock'
  if (level === 'low') return `Only ${available} left`
  return 'In stock'
}
