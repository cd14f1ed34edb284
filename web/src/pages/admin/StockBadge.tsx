import type { StockLevel } from '../../api/admin-inventory.ts'

/** Out of stock, low (at or under the threshold), or in stock. */
export function StockBadge({ level }: { level: StockLevel }) {
  if (level.available <= 0) return <span className="badge badge-failed">out of stock</span>
  if (level.available <= level.lowStockThreshold) return <span className="badge badge-pending">low stock</span>
  return <span className="badge badge-active">in stock</span>
}
