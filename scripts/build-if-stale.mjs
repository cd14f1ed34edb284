// Builds the shop (dist/) and the storefront (web/dist) when anything in src/ or web/ is newer
// than the last build, or when either is missing. `npm start` uses it, and so do the tests that
// run `npm start`: a lock makes a second caller wait for the first one's build instead of
// building into the same folders at once.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const root = path.resolve(import.meta.dirname, '..')
const outputs = [path.join(root, 'dist', 'main.js'), path.join(root, 'web', 'dist', 'index.html')]
const skip = new Set([path.join(root, 'web', 'dist')])

function newest(dir) {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (skip.has(full)) continue
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs)
  }
  return latest
}

function stale() {
  const builtAt = outputs.every((f) => existsSync(f)) ? Math.min(...outputs.map((f) => statSync(f).mtimeMs)) : 0
  return Math.max(newest(path.join(root, 'src')), newest(path.join(root, 'web'))) > builtAt ? { first: builtAt === 0 } : undefined
}

const lock = path.join(root, 'node_modules', '.emporium-build.lock')
const LOCK_STALE_MS = 5 * 60_000

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/** Takes the build lock, waiting while another build holds it (a lock left by a killed build expires). */
function acquire() {
  for (;;) {
    try {
      mkdirSync(lock, { recursive: false })
      return
    } catch (err) {
      if (err.code !== 'EEXIST') throw err
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true })
      else sleep(250)
    }
  }
}

/** Exits the process with the build's status when a needed build fails. */
export function buildIfStale() {
  if (!stale()) return
  acquire()
  let status = 0
  try {
    const needed = stale() // the build this caller waited for may have covered it
    if (!needed) return
    console.log(needed.first ? 'First start: building…' : 'src/ or web/ changed since the last build: building…')
    status = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' }).status ?? 1
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
  if (status !== 0) process.exit(status)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) buildIfStale()
