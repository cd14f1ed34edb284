import { z } from 'zod'
import { MAX_LINE_QUANTITY } from './cart.rules.ts'

/** Money in an answer: a line total may exceed what a single price may be. */
export const MoneyDto = z.object({ amount: z.number().int().min(0), currency: z.string() })

export const CartItemDto = z.object({
  variantId: z.uuid(),
  productId: z.uuid(),
  sku: z.string(),
  name: z.string().describe("The product's name"),
  title: z.string().describe("The variant's title"),
  slug: z.string(),
  unitPrice: MoneyDto.describe('The current price'),
  quantity: z.number().int(),
  lineTotal: MoneyDto,
  available: z.number().int().describe('Units that can be bought now (0 once the variant is no longer sold)'),
  weightGrams: z.number().int(),
  sellable: z.boolean().describe('False once the product is archived, deleted or no longer has this variant; such lines count in neither subtotal nor itemCount'),
})

export const CartDto = z.object({
  id: z.uuid().nullable().describe('null while there is no cart'),
  items: z.array(CartItemDto),
  subtotal: MoneyDto,
  itemCount: z.number().int().describe('Units in the sellable lines'),
  currency: z.string(),
  updatedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable().describe('The cart is forgotten then unless it changes before'),
  checkout: z
    .object({ orderId: z.uuid(), until: z.iso.datetime() })
    .nullable()
    .describe('Set while an order placed from this cart is being settled: another order from it answers 409 checkout_in_progress'),
})

export const ClaimBody = z.object({ orderId: z.uuid().describe('The order the checkout will place') })
export const OrderParams = z.object({ orderId: z.uuid() })

export const CART_ID_HEADER = 'x-cart-id'

/** Kept loose: Fastify replaces the request's headers with what this schema returns. */
export const CartHeaders = z.looseObject({
  [CART_ID_HEADER]: z.string().optional().describe("A guest's cart id, as the X-Cart-Id answer header gave it; ignored with a bearer token"),
})

const Quantity = z.number().int().max(MAX_LINE_QUANTITY)

export const AddItemBody = z.object({
  variantId: z.uuid(),
  quantity: Quantity.min(1),
})

export const UpdateItemBody = z.object({ quantity: Quantity.min(0).describe('0 removes the line') })

export const VariantParams = z.object({ variantId: z.uuid() })

export const MergeBody = z.object({ cartId: z.uuid().describe("The guest cart's id (its X-Cart-Id)") })

export const NoContent = z.null().describe('No content')
