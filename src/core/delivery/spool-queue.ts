import { sql } from 'drizzle-orm'
import type { Core } from '../core.ts'
import { queryRows } from '../../db/rows.ts'
import { routeProvider } from '../providers/providers.ts'
import { recordGatewayEvents } from './gateway-events.ts'

/**
 * The spool queue (design.md "Delivery"): due `queued` spools are claimed in batches with
 * FOR UPDATE SKIP LOCKED and leased to one worker; the worker renews its leases while the gateway
 * works; a dead worker's leases expire and the reaper puts its spools back in the queue (they are
 * sent again: at-least-once, counted in `sends`); the watchdog fails spools whose gateway went silent.
 */

/** A claimed spool: its id, its send count (> 1: a re-send) and the time it is due (its pacing slot). */
export interface ClaimedSpool { id: number; sends: number; dueAt: number }

/**
 * Claims up to `limit` queued spools due within `aheadMs` from now for `workerId`, in id order. The
 * worker hands each to its gateway at `dueAt`, so paced sends keep their slots to the millisecond
 * instead of to the next claim turn.
 */
export async function claimDueSpools(core: Core, workerId: string, limit: number, leaseMs: number, aheadMs = 0): Promise<ClaimedSpool[]> {
  if (limit <= 0) return []
  const now = core.now()
  // A deferred spool (deferSpools) keeps the time of its first claim: its spool timeout runs from there.
  const rows = await queryRows<{ id: number; sends: number; time_spool: string | Date }>(core.db, sql`update spools s set status = 'started',
      time_start = coalesce(s.time_start, greatest(s.time_spool, ${now.toISOString()}::timestamptz)),
      lease_until = ${new Date(now.getTime() + aheadMs + leaseMs).toISOString()}::timestamptz, claimed_by = ${workerId}, sends = s.sends + 1,
      last_event_at = ${now.toISOString()}::timestamptz
    from (select id from spools where status = 'queued' and time_spool <= ${new Date(now.getTime() + aheadMs).toISOString()}::timestamptz
      order by id limit ${limit} for update skip locked) due
    where s.id = due.id returning s.id, s.sends, s.time_spool`)
  return rows.map((r) => ({ id: r.id, sends: r.sends, dueAt: new Date(r.time_spool).getTime() })).sort((a, b) => a.id - b.id)
}

/** Extends the leases of this worker's spools that are still in progress; returns their ids. */
export async function renewLeases(core: Core, workerId: string, leaseMs: number, only?: readonly number[]): Promise<number[]> {
  const until = new Date(core.now().getTime() + leaseMs).toISOString()
  // `only`: the spools the worker still holds in flight; one it claimed but never handed over (the
  // database failed in between) is left to expire, so the reaper queues it again (issue 13 point 10).
  const held = only ? sql` and id = any(${`{${only.join(',')}}`}::bigint[])` : sql``
  const rows = await queryRows<{ id: number }>(core.db, sql`update spools set lease_until = ${until}::timestamptz
    where claimed_by = ${workerId} and status in ('started', 'connected')${held} returning id`)
  return rows.map((r) => r.id)
}

/**
 * Returns spools whose lease expired (their worker died) to the queue; returns how many. A spool
 * whose peer's acceptance was recorded with its message id (`info`/`message_id`) is never sent again
 * (spec/gateways.md §1 "At-least-once, bounded"): it keeps its state, without a lease, and waits for
 * its delivery report or the watchdog.
 */
export async function reapExpiredLeases(core: Core): Promise<number> {
  const now = core.now().toISOString()
  const accepted = sql`exists (select 1 from spool_results r where r.spool_id = spools.id and r.type = 'info' and r.name = 'message_id')`
  await core.db.execute(sql`update spools set lease_until = null
    where id in (select id from spools where status = 'connected' and lease_until < ${now}::timestamptz and ${accepted}
      order by id limit 10000 for update skip locked)`)
  const rows = await queryRows<{ id: number }>(core.db, sql`update spools set status = 'queued', claimed_by = null, lease_until = null, time_start = null, time_connect = null
    where id in (select id from spools where status in ('started', 'connected') and lease_until < ${now}::timestamptz and not ${accepted}
      order by id limit 10000 for update skip locked) returning id`)
  return rows.length
}

/**
 * Watchdog (§7.2): spools without a gateway event for the spool timeout fail with response "timeout".
 * A spool its peer accepted with a message id waits for its delivery report instead, as long as its
 * provider's report timeout says (failOverdueReports; spec/gateways.md §1 `dlr_timeout_s`).
 */
export async function failSilentSpools(core: Core): Promise<number> {
  const before = new Date(core.now().getTime() - core.timing.spoolTimeoutMs).toISOString()
  const rows = await queryRows<{ id: number }>(core.db, sql`select id from spools
    where status in ('started', 'connected') and last_event_at < ${before}::timestamptz
      and not (status = 'connected' and exists (select 1 from spool_results r where r.spool_id = spools.id and r.type = 'info' and r.name = 'message_id'))
    order by id limit 1000`)
  if (rows.length === 0) return 0
  await recordGatewayEvents(core, rows.map((r) => ({ spoolId: r.id, events: [{ kind: 'failed', cause: 'timeout' }] })))
  return rows.length
}

/**
 * Fails the spools of a provider that its peer accepted (with a message id) longer than `timeoutMs`
 * ago and that are still waiting for their delivery report (spec/gateways.md §1: no report within
 * `dlr_timeout_s` → failed `dlr timeout`); returns how many. The gateway's own timer does this for
 * what it sent; this catches what an earlier process sent.
 */
export async function failOverdueReports(core: Core, providerId: number, timeoutMs: number): Promise<number> {
  const before = new Date(core.now().getTime() - timeoutMs).toISOString()
  const rows = await queryRows<{ id: number }>(core.db, sql`select id from spools
    where provider_id = ${providerId} and status = 'connected' and time_connect < ${before}::timestamptz
      and exists (select 1 from spool_results r where r.spool_id = spools.id and r.type = 'info' and r.name = 'message_id')
    order by id limit 1000`)
  if (rows.length === 0) return 0
  await recordGatewayEvents(core, rows.map((r) => ({ spoolId: r.id, events: [{ kind: 'failed', cause: 'dlr timeout' }] })))
  return rows.length
}

/**
 * Claimed spools whose provider is `down` go back to the queue, due `delayMs` from now, routed again
 * (the next usable provider by weight, spec/gateways.md §1); their send does not count. One still
 * waiting a spool timeout after its first claim fails `no provider up`. Returns how many were deferred.
 */
export async function deferSpools(core: Core, spoolIds: readonly number[], delayMs: number): Promise<number> {
  if (spoolIds.length === 0) return 0
  const now = core.now()
  const rows = await queryRows<{ id: number; tenant_id: number | null; service_flag: number; provider_id: number | null; time_start: string | Date | null }>(core.db,
    sql`select id, tenant_id, service_flag, provider_id, time_start from spools where id = any(${sql.param([...spoolIds])}::int[]) and status = 'started'`)
  const expired = rows.filter((r) => r.time_start !== null && now.getTime() - new Date(r.time_start).getTime() >= core.timing.spoolTimeoutMs)
  if (expired.length > 0) await recordGatewayEvents(core, expired.map((r) => ({ spoolId: r.id, events: [{ kind: 'failed', cause: 'no provider up' }] })))
  const waiting = rows.filter((r) => !expired.includes(r))
  if (waiting.length === 0) return 0
  const routes = new Map<string, number | null>()
  for (const r of waiting) {
    const key = `${r.tenant_id ?? 0}:${r.service_flag}`
    if (!routes.has(key)) routes.set(key, (await routeProvider(core, r.tenant_id, r.service_flag))?.id ?? null)
  }
  const providerOf = (r: (typeof waiting)[number]) => routes.get(`${r.tenant_id ?? 0}:${r.service_flag}`) ?? r.provider_id
  await core.db.execute(sql`update spools s set status = 'queued', claimed_by = null, lease_until = null, sends = greatest(s.sends - 1, 0),
      time_spool = ${new Date(now.getTime() + delayMs).toISOString()}::timestamptz, provider_id = v.provider_id
    from unnest(${sql.param(waiting.map((r) => r.id))}::int[], ${sql.param(waiting.map(providerOf))}::int[]) as v(id, provider_id)
    where s.id = v.id and s.status = 'started'`)
  return waiting.length
}
