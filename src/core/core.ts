import type { Logger } from 'pino'
import type { Db } from '../db/client.ts'
import type { CredentialCache, Keyring } from './secrets/index.ts'
import type { ProviderType } from './providers/providers.table.ts'
import type { AttemptProvider } from './delivery/outbound-attempts.ts'
import type { ProviderHealthBoard } from './providers/provider-health.ts'
import type { ReadCache } from './read-cache.ts'
import type { LoginLimits } from './login-limits/login-limits.ts'

/**
 * What every core function works with: the database and the process-wide services.
 * Tenant-facing functions take `(core, actor, input)`; internals take `(core, …)`.
 */
export interface Core {
  readonly db: Db
  readonly dbKind: 'pglite' | 'postgres'
  readonly keyring: Keyring
  /** Verified credentials of per-request-secret dialects (see CredentialCache). */
  readonly credentials: CredentialCache
  /** Exact per-process cache of hot reads, invalidated by committed writes (see read-cache.ts). */
  readonly reads: ReadCache
  readonly log: Logger
  /** Absolute directory of uploaded message media (MEDIA_DIR, else `<DATA_DIR>/media`). */
  readonly mediaDir: string
  /** State-machine delays (spec/ictcore.md §7.1 retry delay, §7.2 spool watchdog), in ms. */
  readonly timing: { readonly retryDelayMs: number; readonly spoolTimeoutMs: number }
  /**
   * The gateways' check of a provider's `settings` (spec/gateways.md: 412 `settings`): null when the
   * gateway of that type can use them, else the reason, naming the key. Wired by the composition root
   * from the dispatcher's registry, so core imports no gateway.
   */
  readonly checkProviderSettings: (type: ProviderType, settings: string | null) => string | null
  /**
   * The port of a provider none was given for, when its gateway's peer listens elsewhere than the
   * type's default (spec/gateways.md §3 Kannel 13013, §5 fax 443); null: the type's default
   * (spec/ictcore.md §5.12). Wired like checkProviderSettings.
   */
  readonly gatewayDefaultPort: (type: ProviderType, settings: string | null) => number | null
  /**
   * The server's default mail transport (SMTP_URL, spec/gateways.md §4): email goes through it when
   * no email provider exists; null when unset (such email sends fail `no mail transport`).
   */
  readonly mailTransport: AttemptProvider | null
  /**
   * Provider states (spec/gateways.md §1) as this process's dispatcher sees them: routing skips a
   * `down` provider; the native health route and /metrics read them. Empty without a dispatcher.
   */
  readonly providerHealth: ProviderHealthBoard
  /** Failed-login limits per credential and client address (issue 13 finding 3), and where their events go. */
  readonly loginLimits: LoginLimits
  now(): Date
}

/**
 * Runs core work in one database transaction: `work` gets a core whose every query goes through
 * the transaction (core functions called with it nest as savepoints). The one way to do so.
 */
export function inTransaction<T>(core: Core, work: (tx: Core) => Promise<T>): Promise<T> {
  return core.db.transaction((db) => work({ ...core, db }))
}
