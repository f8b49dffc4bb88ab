import { createHmac, randomBytes } from 'node:crypto'

interface Entry<T> {
  value: T
  principal: string
  expiresAt: number
}

/**
 * Verified-credential cache: dialects that send a secret on every request are verified by scrypt
 * once, then served from here for `ttlMs`. Keys are an HMAC of the presented credential under a
 * per-process random key, so the cache never holds a secret. `drop(principal)` forgets every
 * entry of a principal when its secret changes (other processes: within the TTL).
 */
export class CredentialCache<T = unknown> {
  private readonly key = randomBytes(32)
  private readonly entries = new Map<string, Entry<T>>()

  constructor(private readonly ttlMs = 30_000, private readonly maxEntries = 50_000) {}

  private id(parts: readonly string[]): string {
    const h = createHmac('sha256', this.key)
    for (const p of parts) h.update(p).update('\0')
    return h.digest('base64url')
  }

  get(parts: readonly string[]): T | undefined {
    const id = this.id(parts)
    const e = this.entries.get(id)
    if (!e) return undefined
    if (e.expiresAt <= Date.now()) {
      this.entries.delete(id)
      return undefined
    }
    return e.value
  }

  set(parts: readonly string[], principal: string, value: T): void {
    if (this.entries.size >= this.maxEntries) {
      // Map keeps insertion order: the first key is the oldest entry.
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    this.entries.set(this.id(parts), { value, principal, expiresAt: Date.now() + this.ttlMs })
  }

  /** Forgets every cached verification of `principal` (e.g. `reseller:5`, `user:9`). */
  drop(principal: string): void {
    for (const [id, e] of this.entries) if (e.principal === principal) this.entries.delete(id)
  }

  clear(): void {
    this.entries.clear()
  }
}
