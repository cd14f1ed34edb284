import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url))
const START = fileURLToPath(new URL('../../scripts/start.mjs', import.meta.url))

export interface Started {
  child: ChildProcess
  output: () => string
  /** Resolves with the exit code (or the signal's name) when the process ends by itself. */
  exit: Promise<number | string>
  /** SIGTERM, then the exit code (or the signal's name). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | string>
}

/** Runs `emporium [names...]` (src/main.ts through tsx) as a child process with the given environment, and Node flags (`--cpu-prof`, say). */
export function startEmporium(names: string[], env: Record<string, string>, nodeFlags: readonly string[] = []): Started {
  return run([...nodeFlags, '--import', 'tsx', MAIN, ...names], env)
}

/** Runs what `npm start` runs (scripts/start.mjs: the compiled shop, built first when stale). */
export function startShop(env: Record<string, string>): Started {
  return run([START], env)
}

function run(args: string[], env: Record<string, string>): Started {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()))
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')))
  return {
    child,
    output: () => out,
    exit: exited,
    async stop(signal = 'SIGTERM', timeoutMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
      try {
        return await exited
      } finally {
        clearTimeout(timer)
      }
    },
  }
}
