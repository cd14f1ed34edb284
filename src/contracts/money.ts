import { z } from 'zod'

/** Money on the wire: integer minor units and an ISO 4217 currency, never a float. */
export const Money = z.object({
  amount: z.number().int().min(0).max(100_000_000_00),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD'),
})
export type Money = z.infer<typeof Money>
