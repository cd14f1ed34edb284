/**
 * A small key-value store with expiry: in memory (embedded) or Redis (distributed). Used for
 * rate limits and throttles now; every implementation passes the same contract suite.
 */
export interface Kv {
  readonly kind: 'memory' | 'redis'
  get(key: string): Promise<string | null>
  set(key: string, value: string, options?: { ttlMs?: number }): Promise<void>
  /** Sets only when the key is absent; true when it was set. */
  setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean>
  del(key: string): Promise<void>
  /**
   * Adds 1 to a counter. The first increment starts its window of `ttlMs`; later ones leave
   * the expiry alone (a fixed window). Returns the count and the time left in the window.
   */
  incr(key: string, ttlMs: number): Promise<{ count: number; ttlMs: number }>
  /** Readiness: throws when the store cannot be reached. */
  ping(): Promise<void>
  close(): Promise<void>
}
