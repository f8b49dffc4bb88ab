import { sql } from 'drizzle-orm'
import type { Core } from '../core.ts'
import { PROGRAM_TYPES } from '../programs/program-types.ts'
import type { ProgramType } from '../programs/programs.table.ts'
import { queryRows } from '../../db/rows.ts'
import type { AttemptEvent } from './attempt-events.ts'
import type { SpoolStatus } from './transmissions.table.ts'

/** Events of one spool, in the order the gateway reported them. */
export interface SpoolEvents {
  spoolId: number
  events: readonly AttemptEvent[]
}

interface LockedSpool {
  id: number
  status: SpoolStatus
  transmission_id: number
  program_type: ProgramType | null
}

type ResultType = 'application' | 'contact' | 'message' | 'info' | 'error'
interface ResultRow { spoolId: number; type: ResultType; name: string; data: string }

const FINAL: ReadonlySet<SpoolStatus> = new Set(['completed', 'failed'])
const MAX_DATA = 255

/** §7.4 "Success rule" over a spool's result rows. */
function successRuleHolds(type: ProgramType | null, results: { type: string; name: string; data: string }[]): boolean {
  if (type === null) return true
  const app = new Map<string, string>()
  let pages = 0
  for (const r of results) {
    if (r.type === 'application') app.set(r.name, r.data)
    if (r.type === 'info' && r.name === 'pages') pages = Number(r.data) || 0
  }
  if (!PROGRAM_TYPES[type].success.every((step) => app.get(step) === 'success')) return false
  return type !== 'sendfax' || pages > 0
}

/**
 * Records gateway events of many spools in one transaction (spec/ictcore.md §7.1, §7.2, §7.5):
 * result rows, spool states (`connected`, then `completed` only from `connected`, else `failed`)
 * and, for attempts that ended, the transmission's next state: `completed` when the program's
 * success rule holds; else `pending` with `next_run` = now + retry delay while tries are left, else
 * `failed`. Final spools never change, so a repeated report is harmless. Returns the ids of the
 * given spools that are final now (whether or not this call ended them).
 */
export async function recordAttemptEvents(core: Core, batch: readonly SpoolEvents[]): Promise<number[]> {
  if (batch.length === 0) return []
  const now = core.now()
  const nowText = now.toISOString()
  const byId = new Map<number, AttemptEvent[]>()
  for (const b of batch) byId.set(b.spoolId, [...(byId.get(b.spoolId) ?? []), ...b.events])
  const ids = [...byId.keys()].sort((a, b) => a - b)
  return core.db.transaction(async (tx) => {
    const locked = await queryRows<LockedSpool>(tx, sql`select s.id, s.status, s.transmission_id, p.type as program_type
      from spools s join transmissions t on t.id = s.transmission_id left join programs p on p.id = t.program_id
      where s.id = any(${sql.param(ids)}::int[]) order by s.id for update of s`)
    const results: ResultRow[] = []
    const touched: { id: number; status: SpoolStatus; connected: boolean; response: string | null }[] = []
    const ended: number[] = []
    const alreadyFinal: number[] = []
    for (const spool of locked) {
      if (FINAL.has(spool.status)) {
        alreadyFinal.push(spool.id)
        continue
      }
      let status = spool.status
      let connected = false
      let response: string | null = null
      for (const e of byId.get(spool.id) ?? []) {
        if (FINAL.has(status)) break
        switch (e.kind) {
          case 'accepted':
          case 'connected':
            if (status !== 'connected') connected = true
            status = 'connected'
            break
          case 'step': results.push({ spoolId: spool.id, type: 'application', name: e.step.slice(0, MAX_DATA), data: e.ok ? 'success' : 'error' }); break
          case 'input': results.push({ spoolId: spool.id, type: 'info', name: 'dtmf', data: e.digits.slice(0, MAX_DATA) }); break
          case 'pages': results.push({ spoolId: spool.id, type: 'info', name: 'pages', data: String(e.pages) }); break
          case 'completed':
            if (status === 'connected') status = 'completed'
            else {
              status = 'failed'
              response = 'not connected'
              results.push({ spoolId: spool.id, type: 'error', name: 'error', data: response })
            }
            break
          case 'failed':
            status = 'failed'
            response = e.cause.slice(0, MAX_DATA)
            results.push({ spoolId: spool.id, type: 'error', name: 'error', data: response })
            break
        }
      }
      touched.push({ id: spool.id, status, connected, response })
      if (FINAL.has(status)) ended.push(spool.id)
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
    if (ended.length > 0) {
      const stored = await queryRows<{ spool_id: number; type: string; name: string; data: string }>(tx, sql`select spool_id, type, name, data
        from spool_results where spool_id = any(${sql.param(ended)}::int[]) and type in ('application', 'info') order by id`)
      const resultsOf = new Map<number, { type: string; name: string; data: string }[]>()
      for (const r of stored) resultsOf.set(r.spool_id, [...(resultsOf.get(r.spool_id) ?? []), r])
      const spoolOf = new Map(locked.map((s) => [s.id, s]))
      const touchedOf = new Map(touched.map((t) => [t.id, t]))
      const outcome = ended.map((id) => {
        const spool = spoolOf.get(id)!
        const t = touchedOf.get(id)!
        const ok = t.status === 'completed' && successRuleHolds(spool.program_type, resultsOf.get(id) ?? [])
        return { transmissionId: spool.transmission_id, ok, response: ok ? null : (t.response ?? 'success rule not met') }
      })
      const retryAt = new Date(now.getTime() + core.timing.retryDelayMs).toISOString()
      // Only a `processing` transmission follows its attempt: a manual send may have moved it on.
      await tx.execute(sql`update transmissions t set
          status = case when v.ok then 'completed' when t.try_done < t.try_allowed then 'pending' else 'failed' end,
          next_run = case when not v.ok and t.try_done < t.try_allowed then ${retryAt}::timestamptz else null end,
          response = v.response, updated_at = ${nowText}::timestamptz
        from unnest(${sql.param(outcome.map((o) => o.transmissionId))}::int[], ${sql.param(outcome.map((o) => o.ok))}::boolean[],
          ${sql.param(outcome.map((o) => o.response))}::text[]) as v(id, ok, response)
        where t.id = v.id and t.status = 'processing'`)
    }
    // A spool that no longer exists (its transmission was deleted) is as good as final.
    const found = new Set(locked.map((s) => s.id))
    return [...alreadyFinal, ...ended, ...ids.filter((id) => !found.has(id))]
  })
}
