import type { OrderDeps } from './order.deps.ts'
import { claimOverdue } from './orders.repo.ts'
import { runSagaStep } from './saga-step.ts'
import { startPeriodicJob } from '../../platform/jobs.ts'

/** How many overdue orders one sweep transaction takes. */
export const SWEEP_BATCH_SIZE = 100

const TOO_LATE: Readonly<Record<string, string>> = {
  reserving: 'Stock could not be reserved in time.',
  authorizing: 'The payment was not authorized in time.',
  capturing: 'The payment was not captured in time.',
}

/**
 * Cancels every order whose saga step ran past its deadline (reason timeout), giving back what
 * the saga had taken: the reservation, and the payment once it was asked for. Batches are
 * claimed with FOR UPDATE SKIP LOCKED, so replicas sweeping at once share the work and a message
 * handler holding an order is not waited for. Returns how many orders it cancelled.
 */
export async function sweepDeadlines(deps: OrderDeps, batchSize = SWEEP_BATCH_SIZE): Promise<number> {
  let total = 0
  for (;;) {
    const cancelled = await deps.db.transaction(async (tx) => {
      const overdue = await claimOverdue(tx, batchSize)
      let n = 0
      for (const order of overdue) {
        const after = await runSagaStep(deps, tx, order, { event: { type: 'deadline_passed' }, entry: 'deadline passed', detail: TOO_LATE[order.sagaStep] ?? 'The order ran out of time.' })
        if (after.status === 'cancelled' && order.status !== 'cancelled') n += 1
      }
      return { n, claimed: overdue.length }
    })
    total += cancelled.n
    if (cancelled.claimed < batchSize) return total
  }
}

/** Sweeps every `intervalMs` until the returned function is called (it waits for a sweep in progress). */
export function startDeadlineSweeper(deps: OrderDeps, intervalMs: number): () => Promise<void> {
  return startPeriodicJob(deps.log, {
    name: 'order deadline sweep',
    intervalMs,
    done: 'cancelled orders whose saga step timed out',
    work: () => sweepDeadlines(deps),
  })
}
