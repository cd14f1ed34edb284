import { claimDueActions } from './actions.repo.ts'
import type { PaymentDeps } from './payment.deps.ts'
import { runAction } from './run-action.ts'

export interface PaymentWorker {
  /** Looks for due actions soon; called after every commit of the service. Calls made while looking coalesce. */
  wake(): void
  /** Stops claiming, and waits (up to the grace period) for the calls in flight. */
  stop(): Promise<void>
}

/**
 * Claims due actions (FOR UPDATE SKIP LOCKED, with a lease) and runs up to `concurrency` of them
 * at once, each calling the provider outside any transaction. Wakes on every commit, so an
 * authorization starts within milliseconds of its command, and polls for retries coming due and
 * leases left by a worker that died. Replicas share the queue.
 */
export function startPaymentWorker(deps: PaymentDeps): PaymentWorker {
  const options = deps.worker
  const inFlight = new Map<string, Promise<void>>()
  let stopped = false
  let draining = false
  let again = false
  let timer: NodeJS.Timeout | undefined

  async function drain(): Promise<void> {
    while (!stopped) {
      const room = options.concurrency - inFlight.size
      if (room <= 0) return
      const claimed = await claimDueActions(deps.db, room, options.leaseMs, [...inFlight.keys()])
      for (const action of claimed) {
        const run = runAction(deps, action)
          .then(({ retryInMs }) => {
            // A retry comes due before the next poll may: wake for it.
            if (retryInMs !== undefined && !stopped) setTimeout(wake, retryInMs + 5).unref()
          })
          .catch((err: unknown) => deps.log.error({ err, actionId: action.id, kind: action.kind }, 'payment action could not be recorded; it runs again when its lease ends'))
          .finally(() => {
            inFlight.delete(action.id)
            wake()
          })
        inFlight.set(action.id, run)
      }
      if (claimed.length < room) return
    }
  }

  function wake(): void {
    if (stopped) return
    if (draining) {
      again = true
      return
    }
    draining = true
    setImmediate(() => {
      drain()
        .catch((err: unknown) => deps.log.warn({ err }, 'payment worker pass failed'))
        .finally(() => {
          draining = false
          if (again && !stopped) {
            again = false
            wake()
          }
        })
    })
  }

  const tick = () => {
    wake()
    if (!stopped) {
      timer = setTimeout(tick, options.pollMs)
      timer.unref()
    }
  }
  timer = setTimeout(tick, 0)
  timer.unref()

  return {
    wake,
    async stop() {
      stopped = true
      clearTimeout(timer)
      let grace: NodeJS.Timeout | undefined
      const waited = new Promise<void>((resolve) => {
        grace = setTimeout(resolve, options.stopGraceMs)
      })
      await Promise.race([Promise.allSettled([...inFlight.values()]), waited])
      clearTimeout(grace)
    },
  }
}
