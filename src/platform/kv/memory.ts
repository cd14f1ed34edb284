import type { Kv } from './kv.ts'

interface Entry {
  value: string
  expiresAt: number | undefined
}

/** The embedded mode's store: one process, so one Map. Expired keys are dropped on read and by a sweep. */
export class MemoryKv implements Kv {
  readonly kind = 'memory'
  private readonly entries = new Map<string, Entry>()
  private readonly sweeper: NodeJS.Timeout

  constructor(
    private readonly prefix = '',
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.sweep(), 60_000)
    this.sweeper.unref()
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null
  }

  async set(key: string, value: string, options: { ttlMs?: number } = {}): Promise<void> {
    this.entries.set(this.prefix + key, { value, expiresAt: options.ttlMs ? this.now() + options.ttlMs : undefined })
  }

  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    if (this.live(key)) return false
    await this.set(key, value, ttlMs === undefined ? {} : { ttlMs })
    return true
  }

  async del(key: string): Promise<void> {
    this.entries.delete(this.prefix + key)
  }

  async incr(key: string, ttlMs: number): Promise<{ count: number; ttlMs: number }> {
    const entry = this.live(key)
    if (!entry) {
      const expiresAt = this.now() + ttlMs
      this.entries.set(this.prefix + key, { value: '1', expiresAt })
      return { count: 1, ttlMs }
    }
    const count = Number(entry.value) + 1
    entry.value = String(count)
    if (entry.expiresAt === undefined) entry.expiresAt = this.now() + ttlMs
    return { count, ttlMs: entry.expiresAt - this.now() }
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    clearInterval(this.sweeper)
    this.entries.clear()
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(this.prefix + key)
    if (entry?.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.entries.delete(this.prefix + key)
      return undefined
    }
    return entry
  }

  private sweep(): void {
    const now = this.now()
    for (const [k, e] of this.entries) if (e.expiresAt !== undefined && e.expiresAt <= now) this.entries.delete(k)
  }
}
