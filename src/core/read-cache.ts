/**
 * A per-process cache of read results that stays exact: every entry names the tables it was read
 * from, and any committed write to one of them (this process's own, reported by the database's
 * WriteFeed; other processes', by PostgreSQL change notices) invalidates it. A result is stored
 * only if none of its tables changed while it was being read, so a read racing a write never
 * caches the old row. While change notices cannot be received, nothing is served from the cache.
 */
export class TableGenerations {
  private readonly gens = new Map<string, number>()
  private all = 0

  /** Records a committed change of these tables (`*` = anything). */
  bump(tables: Iterable<string>): void {
    for (const t of tables) {
      if (t === '*') this.all++
      else this.gens.set(t, (this.gens.get(t) ?? 0) + 1)
    }
  }

  /**
   * A token that changes whenever one of the tables changes: the sum of their generations (and of
   * `*`). Every generation only grows, so an equal sum means none of them moved.
   */
  stamp(tables: readonly string[]): number {
    let s = this.all
    for (const t of tables) s += this.gens.get(t) ?? 0
    return s
  }
}

interface Entry {
  value: unknown
  stamp: number
  expiresAt: number
  /** Bytes the caller declared for a large value (0 for small ones). */
  weight: number
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>()
  private readonly loading = new Map<string, { stamp: number; promise: Promise<unknown> }>()
  private weight = 0
  /** False while cross-process change notices are not being received. */
  trusted = true

  constructor(
    readonly generations: TableGenerations,
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 100_000,
    /** Bound of the declared weights of all entries (large values such as id lists). */
    private readonly maxWeight = 64 * 1024 * 1024,
  ) {}

  /**
   * The cached result of `load` for `key`, read from `tables`; loads (and caches) it when stale.
   * Concurrent misses of one key share one load, as long as none of its tables changed since that
   * load began (a caller that has just written reads afresh).
   */
  async get<T>(key: string, tables: readonly string[], load: () => Promise<T>, weigh?: (value: T) => number): Promise<T> {
    const stamp = this.generations.stamp(tables)
    if (!this.trusted) return load()
    const hit = this.entries.get(key)
    if (hit && hit.stamp === stamp && hit.expiresAt > Date.now()) return hit.value as T
    const pending = this.loading.get(key)
    if (pending && pending.stamp === stamp) return pending.promise as Promise<T>
    const promise = this.load(key, tables, stamp, load, weigh)
    this.loading.set(key, { stamp, promise })
    try {
      return await promise
    } finally {
      if (this.loading.get(key)?.promise === promise) this.loading.delete(key)
    }
  }

  private async load<T>(key: string, tables: readonly string[], stamp: number, load: () => Promise<T>, weigh?: (value: T) => number): Promise<T> {
    const value = await load()
    const weight = weigh ? weigh(value) : 0
    if (this.trusted && this.generations.stamp(tables) === stamp && weight <= this.maxWeight) {
      this.remove(key)
      while (this.entries.size && (this.entries.size >= this.maxEntries || this.weight + weight > this.maxWeight)) this.remove(this.entries.keys().next().value!)
      this.entries.set(key, { value, stamp, expiresAt: Date.now() + this.ttlMs, weight })
      this.weight += weight
    }
    return value
  }

  private remove(key: string): void {
    const e = this.entries.get(key)
    if (!e) return
    this.weight -= e.weight
    this.entries.delete(key)
  }

  clear(): void {
    this.entries.clear()
    this.weight = 0
  }
}

/** The part of a cache key that captures what an actor may see (tenant, admin or owner). */
export function visibilityKey(actor: { crossTenant: boolean; tenantId: number | null; isAdmin: boolean; userId: number | null }): string {
  if (actor.crossTenant) return '*'
  return `${actor.tenantId ?? 'p'}:${actor.isAdmin ? 'a' : `u${actor.userId}`}`
}
