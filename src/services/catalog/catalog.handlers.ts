import type { Message } from '../../contracts/message.ts'
import type { PayloadOf } from '../../contracts/messages.ts'
import type { Tx } from '../../platform/db/db.ts'
import type { CatalogDeps } from './catalog.deps.ts'
import { allowReviews } from './reviews.repo.ts'
import { saveStockIfNewer } from './stock.repo.ts'

/** What the integer column holds; no shop has more on hand. */
const MAX_AVAILABLE = 2_147_483_647

/**
 * Keeps the availability read model: a sku's row changes only for a newer version, so late and
 * repeated messages change nothing. The answer cache is cleared here, inside the transaction: a
 * request racing the commit may keep the previous level for at most cacheSeconds, the delay
 * Cache-Control already announces.
 */
export async function onInventoryChanged(deps: CatalogDeps, msg: Message<PayloadOf<'inventory.changed'>>, tx: Tx): Promise<void> {
  const { sku, version } = msg.payload
  const available = Math.max(0, Math.min(msg.payload.available, MAX_AVAILABLE))
  if (await saveStockIfNewer(tx, { sku, available, version })) deps.answers.clear()
}

/** A delivered order opens reviews of its products to the customer who bought them. */
export async function onOrderDelivered(msg: Message<PayloadOf<'order.delivered'>>, tx: Tx): Promise<void> {
  await allowReviews(tx, msg.payload.customerId, msg.payload.lines.map((l) => l.productId))
}
