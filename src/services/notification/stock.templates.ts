import type { PayloadOf } from '../../contracts/messages.ts'
import { paragraphs, type Rendered } from './notification.format.ts'

/** Pure rendering of the alerts admins receive. No I/O. */

export function renderLowStock(p: PayloadOf<'inventory.low_stock'>, admin: { firstName: string }): Rendered {
  const state = p.available <= 0 ? 'is out of stock' : 'is running low'
  return {
    template: 'low_stock',
    subject: `Low stock: ${p.sku} (${p.available} available)`,
    body: paragraphs(
      `Hello ${admin.firstName},`,
      `Sku ${p.sku} ${state}: ${p.available} available, at or below its low-stock threshold of ${p.threshold}.`,
      'Receive more stock, or raise or lower the threshold, in the admin inventory screen.',
      '— Emporium',
    ),
  }
}
