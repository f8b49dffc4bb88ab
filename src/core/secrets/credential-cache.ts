import { hash, randomBytes } from 'node:crypto'

/**
 * SHA-256 over a per-process random key, then the parts each followed by NUL (so `['ab','c']` and
 * `['a','bc']` differ). As a cache key it gives what an HMAC would, a digest that holds no secret
 * and cannot be matched against guesses without the key, and as one call to `crypto.hash` it costs
 * a third of an HMAC object: it runs on every request of the dialects that send secrets.
 */
function keyedDigest(key: string, parts: readonly string[]): string {
  let text = `${key}\0`
  for (const p of parts) text += `${p}\0`
  return hash('sha256', text, 'base64')
}

interface Entry<T> {
  value: T
  principal: string
  expiresAt: number
  /** From then on, one caller is told "miss" so that it verifies again while the others still hit. */
  refreshAt: number
}

/** How long before expiry an entry in use is verified again (a part of the TTL, at most 5 s). */
function refreshLead(ttlMs: number): number {
  return Math.min(5_000, Math.floor(ttlMs / 6))
}

/** After a refresh that did not `set` (the check failed or threw), the next caller may try again after this. */
const REFRESH_RETRY_MS = 1_000

/**
 * Verified-credential cache: dialects that send a secret on every request are verified by scrypt
 * once, then served from here for `ttlMs`. Keys are a digest of the presented credential under a
 * per-process random key (`keyedDigest`), so the cache never holds a secret. `drop(principal)`
 * forgets every entry of a principal when its secret changes (other processes: within the TTL).
 *
 * A credential in steady use is verified again shortly before its entry expires, by the one
 * request that `get` answers with a miss; the others keep hitting the entry until its (unchanged)
 * expiry. Without that, every request in flight at the expiry misses at once and runs scrypt.
 */
export class CredentialCache<T = unknown> {
  private readonly key = randomBytes(32).toString('base64')
  private readonly entries = new Map<string, Entry<T>>()
  private readonly lead: number
  /**
   * Verifications in flight (see `lookup`), keyed by the credential itself: an entry lives only
   * while the request that brought the credential is being answered (the request holds it anyway),
   * so no secret outlives its request here.
   */
  private readonly inFlight = new Map<string, Promise<unknown>>()

  constructor(private readonly ttlMs = 30_000, private readonly maxEntries = 50_000, private readonly clock: () => number = Date.now) {
    this.lead = refreshLead(ttlMs)
  }

  private id(parts: readonly string[]): string {
    return keyedDigest(this.key, parts)
  }

  get(parts: readonly string[]): T | undefined {
    const id = this.id(parts)
    const e = this.entries.get(id)
    if (!e) return undefined
    const now = this.clock()
    if (e.expiresAt <= now) {
      this.entries.delete(id)
      return undefined
    }
    if (now >= e.refreshAt) {
      e.refreshAt = now + REFRESH_RETRY_MS
      return undefined
    }
    return e.value
  }

  set(parts: readonly string[], principal: string, value: T): void {
    const id = this.id(parts)
    // Re-inserted at the end: Map keeps insertion order, so the first key is the oldest entry.
    this.entries.delete(id)
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    const now = this.clock()
    this.entries.set(id, { value, principal, expiresAt: now + this.ttlMs, refreshAt: now + this.ttlMs - this.lead })
  }

  /**
   * The value cached for the credential `parts`, else the outcome of `verify` (the slow check, which
   * caches its result with `set`). Concurrent misses of one credential share one run of `verify`
   * (same result, same error): when an entry has expired, say after an idle spell, every request
   * arriving before the first check ends would otherwise run its own scrypt. A refresh (one caller
   * told "miss" shortly before expiry) runs while the entry keeps serving the others.
   */
  lookup<V extends T>(parts: readonly string[], verify: () => Promise<V>): Promise<V> {
    const hit = this.get(parts)
    if (hit !== undefined) return Promise.resolve(hit as V)
    const id = parts.join('\0')
    const running = this.inFlight.get(id)
    if (running) return running as Promise<V>
    const run = verify()
    this.inFlight.set(id, run)
    // Inline arrows: a named closure per call would also cost a name definition under tsx.
    run.then(() => this.inFlight.delete(id), () => this.inFlight.delete(id))
    return run
  }

  /** Forgets every cached verification of `principal` (e.g. `reseller:5`, `user:9`). */
  drop(principal: string): void {
    for (const [id, e] of this.entries) if (e.principal === principal) this.entries.delete(id)
  }

  clear(): void {
    this.entries.clear()
  }
}
