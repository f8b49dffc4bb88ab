import { eq } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { NotFound } from '../errors.ts'
import { MAX_ID } from '../kernel/ids.ts'
import { requirePlatformAdmin } from '../platform/platform.ts'
import { providers } from './providers.table.ts'

/** A provider's state (spec/gateways.md §1 "States"), as the gateways of this process see it. */
export interface ProviderHealthView {
  state: 'up' | 'connecting' | 'down' | 'disabled'
  since: Date
  detail: string
  windowInUse: number
  sentPerS: number
  errorsLast5m: number
  /** Counters since the gateway started: sends, results, errors. */
  totals: { sends: number; results: number; errors: number }
}

/** Where provider states come from: the dispatcher of this process, when it runs one. */
export interface ProviderHealthSource {
  of(providerId: number): ProviderHealthView | undefined
  /** Every provider the gateways hold sessions for, with its state (for /metrics). */
  all(): [number, ProviderHealthView][]
}

/**
 * The board core reads provider states from (routing, the native health route, metrics). The
 * dispatcher attaches itself when it starts and detaches when it stops, so core imports no gateway;
 * in a process without a dispatcher the board knows nothing (routing then treats every active
 * provider as usable).
 */
export class ProviderHealthBoard {
  private source: ProviderHealthSource | null = null

  attach(source: ProviderHealthSource): void {
    this.source = source
  }

  detach(source: ProviderHealthSource): void {
    if (this.source === source) this.source = null
  }

  get attached(): boolean {
    return this.source !== null
  }

  of(providerId: number): ProviderHealthView | undefined {
    return this.source?.of(providerId)
  }

  all(): [number, ProviderHealthView][] {
    return this.source?.all() ?? []
  }

  /** Whether routing may give a provider new spools: anything but `down` (§1: a down provider takes none). */
  usable(providerId: number): boolean {
    return this.of(providerId)?.state !== 'down'
  }
}

/**
 * `GET /native/providers/{id}/health` (spec/gateways.md §1; platform admins): an inactive provider (or a `sip` one,
 * §6) is `disabled`; a provider whose gateway keeps sessions reports their state; one whose gateway
 * holds no connection (sandbox, HTTP) is `up` while active. A process without a dispatcher cannot
 * see sessions: it answers `connecting` and says so in `detail`.
 */
export async function providerHealth(core: Core, actor: Actor, id: number): Promise<ProviderHealthView> {
  requirePlatformAdmin(actor)
  if (!Number.isSafeInteger(id) || id < 1 || id > MAX_ID) throw new NotFound('Provider', id)
  const [p] = await core.db.select({ type: providers.type, active: providers.active, updatedAt: providers.updatedAt }).from(providers).where(eq(providers.id, id)).limit(1)
  if (!p) throw new NotFound('Provider', id)
  const quiet = { windowInUse: 0, sentPerS: 0, errorsLast5m: 0, totals: { sends: 0, results: 0, errors: 0 } }
  if (!p.active) return { state: 'disabled', since: p.updatedAt, detail: 'provider inactive (active 0)', ...quiet }
  if (p.type === 'sip') return { state: 'disabled', since: p.updatedAt, detail: 'no sip gateway yet (spec/gateways.md §6)', ...quiet }
  const seen = core.providerHealth.of(id)
  if (seen) return seen
  if (!core.providerHealth.attached) return { state: 'connecting', since: p.updatedAt, detail: 'no dispatcher in this process: its sessions are not visible here', ...quiet }
  if (p.type === 'smpp') return { state: 'connecting', since: p.updatedAt, detail: 'not bound yet', ...quiet }
  return { state: 'up', since: p.updatedAt, detail: 'no session to keep', ...quiet }
}
