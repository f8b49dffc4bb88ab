import { sql } from 'drizzle-orm'
import type { CampaignStatus } from '../campaigns/campaigns.table.ts'
import type { Core } from '../core.ts'
import type { Db } from '../../db/client.ts'
import { queryRows } from '../../db/rows.ts'
import { startAttempts } from './attempt-start.ts'

/**
 * Campaign pacing (spec/ictcore.md §7.3): a running campaign's pending transmissions are started in
 * slots `60 / cpm` seconds apart. The pacing state (`next_slot_at`) lives in the campaign row, which a
 * turn locks with SKIP LOCKED, so it holds across any number of processes.
 */

interface TurnCampaign { id: number; cpm: number; next_slot_at: string | Date | null; prepared: boolean; status: CampaignStatus }

/**
 * One pacing turn over the running campaigns whose next slot is due within `lookAheadMs`: each sends
 * its next pending transmissions (id order, `next_run` null or due) in the slots `60 / cpm` seconds
 * apart from `next_slot_at` (cpm 0 = unpaced, up to `batch`), and completes when nothing is pending
 * or processing after preparation. A campaign that fell behind (paused, idle) restarts from now, so
 * pacing never bursts to catch up. Returns how many attempts were started.
 */
export async function runCampaignTurn(core: Core, opts: { batch: number; lookAheadMs: number }): Promise<number> {
  const now = core.now()
  const horizon = new Date(now.getTime() + opts.lookAheadMs)
  return core.db.transaction(async (tx) => {
    const due = await queryRows<TurnCampaign>(tx, sql`
      select c.id, c.cpm, c.next_slot_at, c.status, (c.prepare_limit is not null and coalesce(c.prepared_up_to, 0) >= c.prepare_limit) as prepared
      from campaigns c where c.status = 'running' and (c.next_slot_at is null or c.next_slot_at <= ${horizon.toISOString()}::timestamptz)
      order by c.next_slot_at nulls first, c.id limit 20 for update of c skip locked`)
    let started = 0
    for (const c of due) started += await turnOf(core, tx, c, now, horizon, opts.batch)
    return started
  })
}

async function turnOf(core: Core, tx: Db, c: TurnCampaign, now: Date, horizon: Date, batch: number): Promise<number> {
  const interval = c.cpm > 0 ? 60_000 / c.cpm : 0
  // Raw rows carry timestamps as text (drizzle leaves timestamp parsing to its column mappers).
  const nextSlot = c.next_slot_at === null ? null : new Date(c.next_slot_at).getTime()
  const behind = nextSlot === null || nextSlot < now.getTime() - Math.max(interval, 1000)
  // Never a slot in the past: a send at `now` for an earlier slot would follow the previous send by
  // less than the interval (after an idle spell, or a late turn), breaking the 60 / cpm spacing (§7.3).
  const first = behind ? now.getTime() : Math.max(nextSlot!, now.getTime())
  const room = interval === 0 ? batch : Math.min(batch, Math.floor((horizon.getTime() - first) / interval) + 1)
  const picked = room <= 0 ? [] : await queryRows<{ id: number }>(tx, sql`select id from transmissions
    where campaign_id = ${c.id} and status = 'pending' and (next_run is null or next_run <= ${now.toISOString()}::timestamptz)
    order by id limit ${room} for update skip locked`)
  let used = 0
  if (picked.length > 0) {
    const slots = picked.map((_, i) => new Date(first + i * interval))
    const outcomes = await startAttempts(core, tx, picked.map((p) => p.id), { now, automatic: true, slots })
    for (const o of outcomes.values()) if (o.kind === 'started') used++
  }
  if (used > 0) {
    await tx.execute(sql`update campaigns set next_slot_at = ${new Date(first + used * interval).toISOString()}::timestamptz,
      last_run = ${now.toISOString()}::timestamptz where id = ${c.id}`)
    return used
  }
  // Nothing sent this turn: completed when prepared and nothing is left to send or to finish.
  if (c.prepared) {
    const [open] = await queryRows<{ one: number }>(tx, sql`select 1 as one from transmissions where campaign_id = ${c.id} and status in ('pending', 'processing') limit 1`)
    if (!open) {
      await tx.execute(sql`update campaigns set status = 'completed', updated_at = ${now.toISOString()}::timestamptz where id = ${c.id}`)
      return 0
    }
  }
  if (behind) await tx.execute(sql`update campaigns set next_slot_at = ${now.toISOString()}::timestamptz where id = ${c.id}`)
  return 0
}

/**
 * Takes back a campaign's booked sends that no worker has claimed yet (pacing books slots up to a
 * second ahead): their spools are removed and their transmissions are `pending` again, with the
 * try given back. Used by stop (nothing new is sent after it) and by a cpm change (the next sends
 * follow the new rate). Returns the earliest slot taken back, or null.
 */
export async function withdrawBookedSends(tx: Db, campaignId: number, now: Date): Promise<Date | null> {
  const taken = await queryRows<{ transmission_id: number; time_spool: string | Date }>(tx, sql`delete from spools where id in (
      select s.id from transmissions t join spools s on s.transmission_id = t.id
      where t.campaign_id = ${campaignId} and t.status = 'processing' and s.status = 'queued' and s.time_spool > ${now.toISOString()}::timestamptz
      for update of s skip locked)
    returning transmission_id, time_spool`)
  if (taken.length === 0) return null
  await tx.execute(sql`update transmissions set status = 'pending', try_done = greatest(try_done - 1, 0), updated_at = ${now.toISOString()}::timestamptz
    where id = any(${sql.param(taken.map((t) => t.transmission_id))}::int[]) and status = 'processing'`)
  return new Date(Math.min(...taken.map((t) => new Date(t.time_spool).getTime())))
}
