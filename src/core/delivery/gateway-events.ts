import { sql } from 'drizzle-orm'
import type { Core } from '../core.ts'
import type { ProgramType } from '../programs/programs.table.ts'
import type { SpoolStatus } from '../transmissions/transmissions.table.ts'
import { queryRows } from '../../db/rows.ts'
import type { DeliveryEvent, SpoolEvents } from './delivery-event.ts'
import { isFinal, mayEnd, nextSpoolState, type ResultRow } from './next-spool-state.ts'

interface LockedSpool {
  id: number
  status: SpoolStatus
  transmission_id: number
  program_type: ProgramType | null
}

/**
 * Records events of many spools in one transaction (spec/ictcore.md §7.1, §7.2, §7.5): locks the
 * spools, works out each one's next state with nextSpoolState, and writes its result rows, its state
 * and, for attempts that ended, the transmission's next state: `completed` when the attempt
 * succeeded; else `pending` with `next_run` = now + retry delay while tries are left, else `failed`.
 * Final spools never change (only `info` rows are added to them: a delivery report after completion),
 * so a repeated report is harmless. Returns the ids of the given spools
 * that are final now (whether or not this call ended them).
 */
export async function recordGatewayEvents(core: Core, batch: readonly SpoolEvents[]): Promise<number[]> {
  if (batch.length === 0) return []
  const now = core.now()
  const nowText = now.toISOString()
  const byId = new Map<number, DeliveryEvent[]>()
  for (const b of batch) {
    const events = byId.get(b.spoolId)
    if (events) events.push(...b.events)
    else byId.set(b.spoolId, [...b.events])
  }
  const ids = [...byId.keys()].sort((a, b) => a - b)
  return core.db.transaction(async (tx) => {
    const locked = await queryRows<LockedSpool>(tx, sql`select s.id, s.status, s.transmission_id, p.type as program_type
      from spools s join transmissions t on t.id = s.transmission_id left join programs p on p.id = t.program_id
      where s.id = any(${sql.param(ids)}::int[]) order by s.id for update of s`)
    // The success rule of an attempt that ends reads the result rows recorded before too.
    const ending = locked.filter((s) => !isFinal(s.status) && mayEnd(byId.get(s.id)!)).map((s) => s.id)
    const earlier = new Map<number, ResultRow[]>()
    if (ending.length > 0) {
      const stored = await queryRows<ResultRow & { spool_id: number }>(tx, sql`select spool_id, type, name, data
        from spool_results where spool_id = any(${sql.param(ending)}::int[]) and type in ('application', 'info') order by id`)
      for (const r of stored) {
        const rows = earlier.get(r.spool_id)
        if (rows) rows.push(r)
        else earlier.set(r.spool_id, [r])
      }
    }
    const results: (ResultRow & { spoolId: number })[] = []
    const touched: { id: number; status: SpoolStatus; connected: boolean; response: string | null }[] = []
    const outcomes: { transmissionId: number; ok: boolean; response: string | null }[] = []
    const alreadyFinal: number[] = []
    const ended: number[] = []
    for (const s of locked) {
      const next = nextSpoolState({ status: s.status, programType: s.program_type, results: earlier.get(s.id) ?? [] }, byId.get(s.id)!)
      if (!next.spool) {
        alreadyFinal.push(s.id)
        for (const r of next.results) results.push({ spoolId: s.id, type: r.type, name: r.name, data: r.data })
        continue
      }
      touched.push({ id: s.id, status: next.spool.status, connected: next.spool.connected, response: next.spool.response })
      for (const r of next.results) results.push({ spoolId: s.id, type: r.type, name: r.name, data: r.data })
      if (next.ended) ended.push(s.id)
      if (next.transmission) outcomes.push({ transmissionId: s.transmission_id, ok: next.transmission.ok, response: next.transmission.response })
    }
    if (results.length > 0) {
      await tx.execute(sql`insert into spool_results (spool_id, type, name, data, created_at)
        select v.spool_id, v.type, v.name, v.data, ${nowText}::timestamptz
        from unnest(${sql.param(results.map((r) => r.spoolId))}::int[], ${sql.param(results.map((r) => r.type))}::text[],
          ${sql.param(results.map((r) => r.name))}::text[], ${sql.param(results.map((r) => r.data))}::text[]) as v(spool_id, type, name, data)`)
    }
    if (touched.length > 0) {
      await tx.execute(sql`update spools s set status = v.status, response = coalesce(v.response, s.response), last_event_at = ${nowText}::timestamptz,
          time_connect = case when v.connected then ${nowText}::timestamptz else s.time_connect end,
          time_end = case when v.status in ('completed', 'failed') then ${nowText}::timestamptz else s.time_end end,
          lease_until = case when v.status in ('completed', 'failed') then null else s.lease_until end
        from unnest(${sql.param(touched.map((t) => t.id))}::int[], ${sql.param(touched.map((t) => t.status))}::text[],
          ${sql.param(touched.map((t) => t.connected))}::boolean[], ${sql.param(touched.map((t) => t.response))}::text[]) as v(id, status, connected, response)
        where s.id = v.id`)
    }
    if (outcomes.length > 0) {
      const retryAt = new Date(now.getTime() + core.timing.retryDelayMs).toISOString()
      // Only a `processing` transmission follows its attempt: a manual send may have moved it on.
      await tx.execute(sql`update transmissions t set
          status = case when v.ok then 'completed' when t.try_done < t.try_allowed then 'pending' else 'failed' end,
          next_run = case when not v.ok and t.try_done < t.try_allowed then ${retryAt}::timestamptz else null end,
          response = v.response, updated_at = ${nowText}::timestamptz
        from unnest(${sql.param(outcomes.map((o) => o.transmissionId))}::int[], ${sql.param(outcomes.map((o) => o.ok))}::boolean[],
          ${sql.param(outcomes.map((o) => o.response))}::text[]) as v(id, ok, response)
        where t.id = v.id and t.status = 'processing'`)
    }
    // A spool that no longer exists (its transmission was deleted) is as good as final.
    const found = new Set(locked.map((s) => s.id))
    return [...alreadyFinal, ...ended, ...ids.filter((id) => !found.has(id))]
  })
}
