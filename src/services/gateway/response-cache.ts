import type { IncomingHttpHeaders } from 'node:http'

/** Headers of a stored answer that are replayed with it. */
const KEPT_HEADERS = ['content-type', 'etag', 'cache-control', 'last-modified', 'content-language'] as const

/** One answer larger than this is passed through, never stored. */
export const MAX_ENTRY_BYTES = 256 * 1024
/** What all stored bodies may add up to, whatever the entry count. */
export const MAX_TOTAL_BYTES = 64 * 1024 * 1024

export interface CachedAnswer {
  headers: Record<string, string>
  body: Buffer
  etag: string | undefined
  storedAt: number
  expiresAt: number
}

/**
 * The gateway's shared cache of public answers, as an HTTP cache does it: a service marks an
 * answer `Cache-Control: public, max-age=N` and the gateway serves it from memory for up to N
 * seconds (with `Age`), answering `If-None-Match` itself. Requests that carry credentials are
 * neither served from it nor stored. Bounded by entry count and bytes; the oldest goes first.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedAnswer>()
  private bytes = 0

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.maxEntries > 0
  }

  get size(): number {
    return this.entries.size
  }

  /** A fresh answer for `key`, if there is one. */
  lookup(key: string): CachedAnswer | undefined {
    const entry = this.entries.get(key)
    if (entry === undefined) return undefined
    if (entry.expiresAt <= this.now()) {
      this.remove(key, entry)
      return undefined
    }
    return entry
  }

  /** Stores a 200 answer when its headers allow a shared cache to keep it. Returns whether it did. */
  store(key: string, status: number, headers: IncomingHttpHeaders, body: Buffer): boolean {
    if (!this.enabled || status !== 200 || body.length > MAX_ENTRY_BYTES) return false
    const maxAge = sharedMaxAge(headers)
    if (maxAge === undefined || headers.vary !== undefined || headers['set-cookie'] !== undefined) return false
    const kept: Record<string, string> = {}
    for (const name of KEPT_HEADERS) {
      const value = headers[name]
      if (typeof value === 'string') kept[name] = value
    }
    const previous = this.entries.get(key)
    if (previous) this.remove(key, previous)
    const storedAt = this.now()
    this.entries.set(key, { headers: kept, body, etag: kept.etag, storedAt, expiresAt: storedAt + maxAge * 1000 })
    this.bytes += body.length
    this.evict()
    return true
  }

  clear(): void {
    this.entries.clear()
    this.bytes = 0
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= MAX_TOTAL_BYTES) return
      this.remove(key, entry)
    }
  }

  private remove(key: string, entry: CachedAnswer): void {
    this.entries.delete(key)
    this.bytes -= entry.body.length
  }
}

/** Seconds a shared cache may keep an answer, from its Cache-Control; undefined when it may not. */
export function sharedMaxAge(headers: IncomingHttpHeaders): number | undefined {
  const value = headers['cache-control']
  if (typeof value !== 'string') return undefined
  const directives = new Map<string, string | undefined>()
  for (const part of value.toLowerCase().split(',')) {
    const [name, arg] = part.trim().split('=', 2)
    if (name) directives.set(name, arg?.replace(/^"|"$/g, ''))
  }
  if (!directives.has('public')) return undefined
  if (['private', 'no-store', 'no-cache'].some((d) => directives.has(d))) return undefined
  const seconds = Number(directives.get('s-maxage') ?? directives.get('max-age'))
  return Number.isInteger(seconds) && seconds > 0 ? seconds : undefined
}
