import { z } from 'zod'
import { defineMessage } from './message.ts'
import { Money } from './money.ts'

/** A variant as other services see it: what inventory keys stock by and what a cart prices. */
export const VariantSnapshot = z.object({
  variantId: z.uuid(),
  sku: z.string().min(1),
  title: z.string(),
  price: Money,
  weightGrams: z.number().int().min(0),
  /** Opening stock given when the variant was created; inventory receives it once. */
  initialStock: z.number().int().min(0).max(1_000_000_000).optional(),
})

const ProductSnapshot = z.object({
  productId: z.uuid(),
  slug: z.string(),
  name: z.string(),
  status: z.enum(['draft', 'active', 'archived']),
  variants: z.array(VariantSnapshot),
})

/** A product was created (by an admin or the demo seed). */
export const productCreated = defineMessage('product.created', ProductSnapshot)

/** A product changed (fields, status, variants, prices, or it was restored); carries the whole current snapshot. */
export const productUpdated = defineMessage('product.updated', ProductSnapshot)

/** A product was soft-deleted; its skus are no longer sold. */
export const productDeleted = defineMessage(
  'product.deleted',
  z.object({ productId: z.uuid(), skus: z.array(z.string()) }),
)
