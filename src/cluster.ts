/**
 * `npm run start:cluster`: every service as its own process on PostgreSQL, RabbitMQ and Redis
 * (DATABASE_URL, AMQP_URL, REDIS_URL; defaults are the local servers), plus the gateway.
 * A small supervisor for laptops: prefixed output, and SIGINT/SIGTERM stop every process.
 * In production each process runs on its own (deploy/).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { PROCESS_NAMES } from './launch.ts'

const entry = fileURLToPath(new URL('./main.ts', import.meta.url))
const children = new Map<string, ChildProcess>()
let stopping = false

function prefixLines(name: string, stream: NodeJS.ReadableStream, out: NodeJS.WriteStream): void {
  let buffered = ''
  stream.setEncoding('utf8')
  stream.on('data', (chunk: string) => {
    buffered += chunk
    const lines = buffered.split('\n')
    buffered = lines.pop() ?? ''
    for (const line of lines) out.write(`${name.padEnd(12)} | ${line}\n`)
  })
}

for (const name of PROCESS_NAMES) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, name], {
    env: { ...process.env, EMPORIUM_MODE: 'distributed' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.set(name, child)
  prefixLines(name, child.stdout!, process.stdout)
  prefixLines(name, child.stderr!, process.stderr)
  child.on('exit', (code, signal) => {
    children.delete(name)
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping the cluster`)
      stop(1)
    } else if (children.size === 0) {
      process.exit(process.exitCode ?? 0)
    }
  })
}

function stop(code = 0): void {
  if (stopping) return
  stopping = true
  process.exitCode = code
  for (const child of children.values()) child.kill('SIGTERM')
  if (children.size === 0) process.exit(code)
}

process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))
