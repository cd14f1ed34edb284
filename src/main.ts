#!/usr/bin/env node
/**
 * `emporium [name...]`: with no name, the whole shop in this process on the embedded
 * default; with names (services, or `gateway`), those in this process on PostgreSQL,
 * RabbitMQ and Redis.
 */
import { ConfigError, loadConfig } from './platform/config.ts'
import { PROCESS_NAMES, type ProcessName, type RunningSystem, startDistributed, startEmbedded } from './launch.ts'

async function main(): Promise<void> {
  const started = performance.now()
  const names = process.argv.slice(2)
  const unknown = names.filter((n) => !(PROCESS_NAMES as readonly string[]).includes(n))
  if (unknown.length > 0) {
    console.error(`Unknown service: ${unknown.join(', ')}. Known: ${PROCESS_NAMES.join(', ')}.`)
    process.exit(2)
  }

  let config
  try {
    config = loadConfig(process.env, { mode: names.length === 0 ? 'embedded' : 'distributed' })
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }

  // A stop asked for while starting waits for the start to finish, then drains as usual.
  const run: { system?: RunningSystem; stopRequested?: string; stopping: boolean } = { stopping: false }
  const shutdown = (signal: string) => {
    if (!run.system) {
      run.stopRequested ??= signal
      return
    }
    if (run.stopping) return
    run.stopping = true
    const running = run.system
    running.log.info({ signal }, 'shutting down: draining requests and consumers')
    const force = setTimeout(() => {
      running.log.error('shutdown took too long; exiting')
      process.exit(1)
    }, config.shutdownTimeoutMs)
    force.unref()
    running
      .stop()
      .then(() => process.exit(0))
      .catch((err) => {
        running.log.error({ err }, 'shutdown failed')
        process.exit(1)
      })
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))

  const system =
    config.mode === 'embedded' && names.length === 0
      ? await startEmbedded(config)
      : await startDistributed(config, names.length > 0 ? (names as ProcessName[]) : [...PROCESS_NAMES])

  const ms = Math.round(performance.now() - started)
  if (system.url) {
    const shown = system.url.replace('0.0.0.0', 'localhost')
    system.log.info({ url: shown, mode: config.mode, startMs: ms }, `Emporium is ready at ${shown} (${config.mode}, ${ms} ms)`)
    if (config.mode === 'embedded' && !config.admin) {
      system.log.info('Demo admin: admin@emporium.local / Admin123!  Demo customer: shopper@emporium.local / Shopper123!  API docs: /docs')
    }
  } else {
    system.log.info({ services: Object.keys(system.services), mode: config.mode, startMs: ms }, `Started in ${ms} ms`)
  }
  run.system = system
  if (run.stopRequested) shutdown(run.stopRequested)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
