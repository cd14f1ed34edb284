import { Redis } from 'ioredis'
import type { Kv } from './kv.ts'

/**
 * INCR, and start the window when the key has no expiry yet (it was just created, or was set
 * without a TTL): the same fixed window as MemoryKv. One script, so it is atomic.
 * Returns { count, milliseconds left in the window }.
 */
const INCR_WINDOW = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`

type WithIncrWindow = Redis & { incrWindow(key: string, ttlMs: number): Promise<[number, number]> }

/** The distributed mode's store. Every key is namespaced by `prefix` (ioredis `keyPrefix`). */
export class RedisKv implements Kv {
  readonly kind = 'redis'
  private readonly client: WithIncrWindow
  /** The connection itself (keys still namespaced by the prefix), for stores that need Redis's own structures, such as carts. */
  get redis(): Redis {
    return this.client
  }

  constructor(url: string, prefix: string) {
    const client = new Redis(url, {
      keyPrefix: prefix,
      // Commands issued in the same tick (one per request under load) go out in one write.
      enableAutoPipelining: true,
      lazyConnect: false,
      // A dead Redis fails requests after a couple of reconnection attempts instead of queueing them forever.
      maxRetriesPerRequest: 2,
      // and a command that gets no answer gives up rather than holding the request it serves.
      commandTimeout: 1_000,
      connectTimeout: 5_000,
      retryStrategy: (times) => Math.min(times * 100, 2_000),
    })
    client.on('error', () => {
      /* reported by the failing requests and by ping(); ioredis keeps reconnecting */
    })
    client.defineCommand('incrWindow', { numberOfKeys: 1, lua: INCR_WINDOW })
    this.client = client as WithIncrWindow
  }

  async get(key: string): Promise<string | null> {
    return this.client.get(key)
  }

  async set(key: string, value: string, options: { ttlMs?: number } = {}): Promise<void> {
    if (options.ttlMs) await this.client.set(key, value, 'PX', options.ttlMs)
    else await this.client.set(key, value)
  }

  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    const result = ttlMs ? await this.client.set(key, value, 'PX', ttlMs, 'NX') : await this.client.set(key, value, 'NX')
    return result === 'OK'
  }

  async del(key: string): Promise<void> {
    await this.client.del(key)
  }

  async incr(key: string, ttlMs: number): Promise<{ count: number; ttlMs: number }> {
    const [count, ttl] = await this.client.incrWindow(key, Math.max(1, Math.ceil(ttlMs)))
    return { count: Number(count), ttlMs: Number(ttl) }
  }

  async ping(): Promise<void> {
    await this.client.ping()
  }

  async close(): Promise<void> {
    if (this.client.status === 'end') return
    if (this.client.status === 'ready') {
      await this.client.quit().catch(() => this.client.disconnect())
    } else {
      this.client.disconnect()
    }
  }
}
