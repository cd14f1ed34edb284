import { inventoryReservationFailed, inventoryReserved } from '../../contracts/inventory.messages.ts'
import { currentContext } from '../../platform/context.ts'
import type { Tx } from '../../platform/db/db.ts'
import type { InventoryDeps } from './inventory.deps.ts'
import { checkReservation, type Line, mergeLines, reservationTtl } from './inventory.rules.ts'
import type { ReservationRow } from './inventory.tables.ts'
import { claimReservation, findLinesOf, findReservation, insertLines, setReservationStatus } from './reservations.repo.ts'
import { applyStockChanges } from './stock-changes.ts'
import { lockLevels } from './stock.repo.ts'

export interface ReserveCommand {
  orderId: string
  lines: Line[]
  ttlSeconds?: number | undefined
}

/**
 * Reserves every line of the order or none, once per order: a repeated command reserves nothing
 * and gets the first answer again. Levels are locked in sku order; a short or unknown line fails
 * the whole reservation, and the failure is recorded so that a replay answers the same.
 */
export async function reserveStock(deps: InventoryDeps, tx: Tx, command: ReserveCommand): Promise<void> {
  const { orderId } = command
  const reservation = await claimReservation(tx, {
    orderId,
    ttlSeconds: reservationTtl(command.ttlSeconds, deps.settings.reservationTtlSeconds),
    correlationId: currentContext()?.correlationId ?? null,
  })
  if (!reservation) {
    await answerAgain(deps, tx, orderId)
    return
  }

  const lines = mergeLines(command.lines)
  const locked = await lockLevels(tx, lines.map((l) => l.sku))
  const check = checkReservation(lines, new Map(locked.map((l) => [l.sku, l])))
  if (!check.ok) {
    const failure = { reason: check.reason, shortages: check.shortages }
    await setReservationStatus(tx, orderId, 'failed', { failure })
    await deps.outbox.add(tx, inventoryReservationFailed({ orderId, ...failure }))
    return
  }

  await insertLines(tx, orderId, lines)
  await applyStockChanges(
    deps,
    tx,
    locked,
    lines.map((l) => ({ sku: l.sku, delta: 0, reservedDelta: l.quantity, reason: 'reserved' as const, orderId })),
  )
  await deps.outbox.add(tx, reservedAnswer(reservation, lines))
}

/** The recorded outcome of an order's reservation, sent again. */
async function answerAgain(deps: InventoryDeps, tx: Tx, orderId: string): Promise<void> {
  const reservation = await findReservation(tx, orderId)
  if (!reservation) throw new Error(`The reservation of order ${orderId} vanished while it was being read`)
  if (reservation.status === 'failed') {
    const failure = reservation.failure ?? { reason: 'out_of_stock' as const, shortages: [] }
    await deps.outbox.add(tx, inventoryReservationFailed({ orderId, ...failure }))
    return
  }
  await deps.outbox.add(tx, reservedAnswer(reservation, await findLinesOf(tx, orderId)))
}

function reservedAnswer(reservation: ReservationRow, lines: Line[]) {
  return inventoryReserved({ orderId: reservation.orderId, lines, expiresAt: reservation.expiresAt.toISOString() })
}
