import { sql } from 'drizzle-orm'
import type { Core } from '../core.ts'
import { startAttempts } from '../transmissions/attempts.ts'
import type { Db } from '../../db/client.ts'
import { queryRows } from '../../db/rows.ts'
import type { CampaignStatus } from './campaigns.table.ts'

/**
 * The dispatcher's side of campaigns (spec/ictcore.md §7.3): preparing transmissions in batches and
 * sending them paced. Each step works on campaign rows locked with SKIP LOCKED, so any number of
 * processes can run it: one campaign is worked on by one process at a time, and its pacing state
 * (`next_slot_at`) lives in the row.
 */

const EMAIL = 8
/**
 * A campaign's first batch is small: its first sends wait for it, and on PGlite 5,000 inserts take
 * long enough to cost a paced campaign seconds of its rate.
 */
const FIRST_BATCH = 500

/**
 * Prepares the next batch of one campaign that still has group contacts to turn into transmissions
 * (contact_id order, up to the bound fixed at start). Contacts without the address the program needs
 * get an `invalid` transmission. The unique (campaign, contact) index makes a repeat harmless.
 * Returns the number of transmissions created (0 when there was nothing to prepare).
 */
export async function prepareCampaignBatch(core: Core, batch: number): Promise<number> {
  return core.db.transaction(async (tx) => {
    const [c] = await queryRows<{ id: number; group_id: number; prepared_up_to: number; prepare_limit: number; program_id: number; service_flag: number | null }>(tx, sql`
      select c.id, c.group_id, coalesce(c.prepared_up_to, 0) as prepared_up_to, c.prepare_limit, c.program_id,
        (select p.service_flag from programs p where p.id = c.program_id) as service_flag
      from campaigns c where c.status in ('running', 'paused') and c.prepare_limit is not null and coalesce(c.prepared_up_to, 0) < c.prepare_limit
      order by c.id limit 1 for update of c skip locked`)
    if (!c) return 0
    const now = core.now().toISOString()
    const address = (c.service_flag ?? 0) & EMAIL ? sql`k.email` : sql`k.phone`
    const missing = (c.service_flag ?? 0) & EMAIL ? 'contact has no email' : 'contact has no phone'
    const size = c.prepared_up_to === 0 ? Math.min(batch, FIRST_BATCH) : batch
    const [made] = await queryRows<{ created: number; last: number | null; seen: number }>(tx, sql`
      with picked as (
        select gc.contact_id from group_contacts gc
        where gc.group_id = ${c.group_id} and gc.contact_id > ${c.prepared_up_to} and gc.contact_id <= ${c.prepare_limit}
        order by gc.contact_id limit ${size}),
      ins as (
        insert into transmissions (tenant_id, user_id, title, origin, contact_id, account_id, program_id, service_flag, direction, status, response, try_allowed, campaign_id, created_at, updated_at)
        select cp.tenant_id, cp.user_id, null, coalesce(p.type, 'campaign'), k.id, cp.account_id, cp.program_id, coalesce(p.service_flag, 0), 'outbound',
          case when ${address} is null then 'invalid' else 'pending' end, case when ${address} is null then ${missing} else null end,
          cp.try_allowed, cp.id, ${now}::timestamptz, ${now}::timestamptz
        from picked join contacts k on k.id = picked.contact_id
        join campaigns cp on cp.id = ${c.id} left join programs p on p.id = cp.program_id
        order by k.id
        on conflict do nothing returning 1)
      select (select count(*)::int from ins) as created, (select max(contact_id) from picked) as last, (select count(*)::int from picked) as seen`)
    const upTo = made!.seen < size || made!.last === null ? c.prepare_limit : made!.last
    await tx.execute(sql`update campaigns set prepared_up_to = ${upTo}, contact_total = contact_total + ${made!.created}, updated_at = ${now}::timestamptz where id = ${c.id}`)
    return Math.max(made!.created, made!.seen > 0 ? 1 : 0)
  })
}

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
