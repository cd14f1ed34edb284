
/** A computed public answer: the serialized body and its strong ETag. */
export interface CachedAnswer {
  body: string
  etag: string
}

/**
 * An LRU map whose entries live `ttlMs`. `clear()` also starts a new generation: a value
 * computed from reads made before the clear is refused by `set`, so a slow request cannot put
 * back what a write just invalidated.
 */
export class AnswerCache<V = CachedAnswer> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>()
  private currentGeneration = 0

  constructor(
    private readonly options: { maxEntries: number; ttlMs: number; now?: () => number },
  ) {}

  get enabled(): boolean {
    return this.options.ttlMs > 0 && this.options.maxEntries > 0
  }

  get size(): number {
    return this.entries.size
  }

  /** Read before computing a value; hand it to `set`. */
  get generation(): number {
    return this.currentGeneration
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key)
      return undefined
    }
    // Re-inserting moves the key to the young end of the map's order.
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.value
  }

  set(key: string, value: V, generation: number): void {
    if (!this.enabled || generation !== this.currentGeneration) return
    this.entries.delete(key)
    this.entries.set(key, { value, expiresAt: this.now() + this.options.ttlMs })
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string
      this.entries.delete(oldest)
    }
  }

  clear(): void {
    this.currentGeneration += 1
    this.entries.clear()
  }

  private now(): number {
    return this.options.now?.() ?? Date.now()
  }
}
