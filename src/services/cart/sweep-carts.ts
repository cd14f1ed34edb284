import type { CartDeps } from './cart.deps.ts'
import { startPeriodicJob } from '../../platform/jobs.ts'

/** How often idle carts are swept; they are ignored by reads as soon as they expire, so this only frees space. */
export const CART_SWEEP_INTERVAL_MS = 10 * 60 * 1000

/**
 * Deletes expired carts every `intervalMs` until stopped (a no-op where the store expires them
 * itself). Replicas sweeping at once do no harm.
 */
export function startCartSweeper(deps: Pick<CartDeps, 'store' | 'log'>, intervalMs = CART_SWEEP_INTERVAL_MS): () => Promise<void> {
  return startPeriodicJob(deps.log, { name: 'cart sweep', intervalMs, done: 'forgot expired carts', work: () => deps.store.sweepExpired() })
}
