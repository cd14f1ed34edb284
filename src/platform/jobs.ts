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
