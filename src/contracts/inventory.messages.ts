import { z } from 'zod'
import { defineMessage } from './message.ts'

const ReservationLine = z.object({ sku: z.string().min(1), quantity: z.number().int().positive().max(1_000_000) })

// --- Commands (sent by the order saga; each is idempotent by order id) ---

/** Reserve every line or none. Answered by inventory.reserved or inventory.reservation_failed. */
export const inventoryReserve = defineMessage(
  'inventory.reserve',
  z.object({
    orderId: z.uuid(),
    lines: z.array(ReservationLine).min(1),
    /** How long the reservation holds if it is neither committed nor released; inventory's default when absent. */
    ttlSeconds: z.number().int().positive().max(30 * 24 * 3600).optional(),
  }),
)

/** Turn the order's reservation into a sale: on hand and reserved both fall. Answered by inventory.committed or inventory.commit_failed. */
export const inventoryCommit = defineMessage('inventory.commit', z.object({ orderId: z.uuid() }))

/** Give the order's reserved stock back; a committed order's stock is restocked. Answered by inventory.released. */
export const inventoryRelease = defineMessage(
  'inventory.release',
  z.object({ orderId: z.uuid(), reason: z.string().min(1) }),
)

/** Put returned units of a committed order back on hand. Idempotent by returnId. Answered by inventory.restocked. */
export const inventoryRestock = defineMessage(
  'inventory.restock',
  z.object({ orderId: z.uuid(), returnId: z.uuid(), lines: z.array(ReservationLine).min(1) }),
)

// --- Events ---

export const inventoryReserved = defineMessage(
  'inventory.reserved',
  z.object({ orderId: z.uuid(), lines: z.array(ReservationLine), expiresAt: z.iso.datetime() }),
)

export const inventoryReservationFailed = defineMessage(
  'inventory.reservation_failed',
  z.object({
    orderId: z.uuid(),
    reason: z.enum(['out_of_stock', 'unknown_sku']),
    shortages: z.array(z.object({ sku: z.string(), requested: z.number().int(), available: z.number().int() })),
  }),
)

export const inventoryCommitted = defineMessage(
  'inventory.committed',
  z.object({ orderId: z.uuid(), lines: z.array(ReservationLine) }),
)

export const inventoryCommitFailed = defineMessage(
  'inventory.commit_failed',
  z.object({ orderId: z.uuid(), reason: z.enum(['no_reservation', 'released', 'expired']) }),
)

export const inventoryReleased = defineMessage(
  'inventory.released',
  z.object({
    orderId: z.uuid(),
    lines: z.array(ReservationLine),
    /** Why: the command's reason, or `expired` when the sweeper released it. */
    reason: z.string(),
    /** True when committed stock went back on hand (a cancel after confirmation). */
    restocked: z.boolean(),
  }),
)

/** A sku's availability changed; `version` grows with every change so readers keep the newest. */
export const inventoryChanged = defineMessage(
  'inventory.changed',
  z.object({
    sku: z.string(),
    onHand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int(),
    version: z.number().int().positive(),
  }),
)

/** Available stock fell to (or below) the sku's low-stock threshold. */
export const inventoryLowStock = defineMessage(
  'inventory.low_stock',
  z.object({ sku: z.string(), available: z.number().int(), threshold: z.number().int() }),
)

/** Returned units are back on hand. */
export const inventoryRestocked = defineMessage(
  'inventory.restocked',
  z.object({ orderId: z.uuid(), returnId: z.uuid(), lines: z.array(ReservationLine) }),
)
