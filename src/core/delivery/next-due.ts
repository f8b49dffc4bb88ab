import { sql } from 'drizzle-orm'
import type { Core } from '../core.ts'
import { queryRows } from '../../db/rows.ts'

// When an idle dispatcher loop next has something to do, so it can sleep until then instead of
// polling every tick. Reads only: an idle turn writes nothing, so it sets off no change notices
// (which would wake every dispatcher on the database, this one included, again and again).

const time = (v: string | Date | null | undefined): number | null => (v === null || v === undefined ? null : new Date(v).getTime())

/** The earliest time a queued spool is due (its pacing slot or now), or null when none is queued. */
export async function nextQueuedSpoolAt(core: Core): Promise<number | null> {
  const [row] = await queryRows<{ at: string | Date | null }>(core.db, sql`select min(time_spool) as at from spools where status = 'queued'`)
  return time(row?.at)
}

/**
 * The earliest time the planning loop has work: now while a campaign runs (it paces every tick),
 * else the next due standalone transmission (a retry, a scheduled send) or schedule; null for none.
 */
export async function nextPlannedWorkAt(core: Core): Promise<number | null> {
  const [row] = await queryRows<{ running: boolean; retry: string | Date | null; schedule: string | Date | null }>(core.db, sql`select
      exists (select 1 from campaigns where status = 'running') as running,
      (select min(next_run) from transmissions where status = 'pending' and campaign_id is null) as retry,
      (select min(next_fire_at) from schedules) as schedule`)
  if (!row) return null
  if (row.running) return core.now().getTime()
  const times = [time(row.retry), time(row.schedule)].filter((t): t is number => t !== null)
  return times.length ? Math.min(...times) : null
}
