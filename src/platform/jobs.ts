import type { Logger } from './log.ts'

/**
 * Runs `work` every `intervalMs` (counted from the end of the previous run) until stopped; a
 * failed run is logged and the next one comes as usual. `work` answers how many things it did,
 * and a run that did something is logged with `done` as the message. The returned function
 * clears the timer and waits for a run in progress to finish.
 */
export function startPeriodicJob(
  log: Logger,
  job: { name: string; intervalMs: number; done: string; work: () => Promise<number> },
): () => Promise<void> {
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()
  const schedule = () => {
    timer = setTimeout(tick, job.intervalMs)
    timer.unref()
  }
  const tick = () => {
    running = job
      .work()
      .then((count) => {
        if (count > 0) log.info({ job: job.name, count }, job.done)
      })
      .catch((err: unknown) => log.warn({ err, job: job.name }, `${job.name} failed`))
      .finally(() => {
        if (!stopped) schedule()
      })
  }
  schedule()
  return async () => {
    stopped = true
    clearTimeout(timer)
    await running
  }
}

/**
 * A background pass that runs at once when woken (after each commit of the service, say) and
 * every `pollMs` otherwise, or sooner when a pass answers that something comes due sooner (a
 * retry's delay in ms). Passes never overlap: wakes during a pass make one more right after it.
 * `stop` waits for a pass under way.
 */
export function startWakeableJob(
  log: Logger,
  job: { name: string; pollMs: number; run: () => Promise<number | undefined> },
): { wake(): void; stop(): Promise<void> } {
  let stopped = false
  let running: Promise<void> | undefined
  let again = false
  let timer: NodeJS.Timeout | undefined

  const schedule = (ms: number) => {
    clearTimeout(timer)
    timer = setTimeout(wake, Math.max(0, ms))
    timer.unref()
  }

  function wake(): void {
    if (stopped) return
    if (running) {
      again = true
      return
    }
    let nextInMs = job.pollMs
    running = job
      .run()
      .then((soonerMs) => {
        if (soonerMs !== undefined) nextInMs = Math.min(nextInMs, soonerMs)
      })
      .catch((err: unknown) => log.warn({ err, job: job.name }, `${job.name} pass failed`))
      .finally(() => {
        running = undefined
        if (stopped) return
        if (again) {
          again = false
          schedule(0)
        } else schedule(nextInMs)
      })
  }

  schedule(0)
  return {
    wake,
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
