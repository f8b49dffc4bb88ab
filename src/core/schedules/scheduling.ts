import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import { lockCampaign, startLockedCampaign, stopLockedCampaign } from '../campaigns/campaigns.ts'
import { campaigns } from '../campaigns/campaigns.table.ts'
import type { Core } from '../core.ts'
import { Invalid, isDomainError } from '../errors.ts'
import { tenantOf } from '../kernel/tenancy.ts'
import { startAttempts } from '../delivery/attempt-start.ts'
import { lockTransmission, refusalOf } from '../transmissions/transmissions.ts'
import { transmissions } from '../transmissions/transmissions.table.ts'
import { requirePermission } from '../kernel/guard.ts'
import type { Db } from '../../db/client.ts'
import { queryRows } from '../../db/rows.ts'
import { nextCronFire, nextFire, parseSchedule, type ScheduleInput, type ScheduleSpec } from './schedule-spec.ts'
import { schedules, type ScheduleAction } from './schedules.table.ts'

/**
 * Schedules that really run (spec/ictcore.md §5.14, §11 fix 6): a transmission's send, a campaign's
 * start or stop. A row's `next_fire_at` is its next due time; the dispatcher fires due rows.
 */

function specColumns(spec: ScheduleSpec): Partial<typeof schedules.$inferInsert> {
  return spec.kind === 'once' ? { at: spec.at } : { ...spec.fields }
}

function firstFire(spec: ScheduleSpec, now: Date): Date {
  const at = nextFire(spec, now)
  if (!at) throw new Invalid('schedule', 'never fires')
  return at
}

/**
 * `PUT /transmissions/{id}/schedule`: replaces any schedule of a `pending` or `failed` transmission,
 * which becomes `pending` with `next_run` = the due time. Cron fires at its first match only.
 */
export async function scheduleTransmission(core: Core, actor: Actor, id: number, input: ScheduleInput): Promise<number> {
  requirePermission(actor, 'transmission_send')
  const now = core.now()
  return core.db.transaction(async (tx) => {
    const row = await lockTransmission(tx, actor, id)
    const refusal = refusalOf(row.status)
    if (refusal) throw refusal
    const spec = parseSchedule(input, now)
    const at = firstFire(spec, now)
    await tx.delete(schedules).where(and(eq(schedules.action, 'transmission_send'), eq(schedules.targetId, id)))
    const [created] = await tx.insert(schedules).values({ tenantId: row.tenantId, action: 'transmission_send', targetId: id, ...specColumns(spec), nextFireAt: at })
      .returning({ id: schedules.id })
    await tx.update(transmissions).set({ status: 'pending', nextRun: at, updatedAt: now }).where(eq(transmissions.id, id))
    return created!.id
  })
}

/** `DELETE /transmissions/{id}/schedule`: no automatic send any more (schedule or retry); idempotent. */
export async function unscheduleTransmission(core: Core, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'transmission_send')
  await core.db.transaction(async (tx) => {
    await lockTransmission(tx, actor, id)
    await tx.delete(schedules).where(and(eq(schedules.action, 'transmission_send'), eq(schedules.targetId, id)))
    await tx.update(transmissions).set({ nextRun: null, updatedAt: core.now() }).where(eq(transmissions.id, id))
  })
}

/** `POST /campaigns/{id}/start/schedule` and `…/stop/schedule`: adds a (possibly recurring) schedule. */
export async function scheduleCampaign(core: Core, actor: Actor, id: number, action: 'start' | 'stop', input: ScheduleInput): Promise<number> {
  requirePermission(actor, action === 'start' ? 'campaign_start' : 'campaign_stop')
  const now = core.now()
  return core.db.transaction(async (tx) => {
    const c = await lockCampaign(tx, actor, id)
    const spec = parseSchedule(input, now)
    const at = firstFire(spec, now)
    const [created] = await tx.insert(schedules).values({
      tenantId: c.tenantId ?? tenantOf(actor), action: action === 'start' ? 'campaign_start' : 'campaign_stop', targetId: id, ...specColumns(spec), nextFireAt: at,
    }).returning({ id: schedules.id })
    return created!.id
  })
}

/** `DELETE /campaigns/{id}/schedule`: cancels every start and stop schedule of the campaign. */
export async function cancelCampaignSchedules(core: Core, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'campaign_stop')
  await core.db.transaction(async (tx) => {
    await lockCampaign(tx, actor, id)
    await tx.delete(schedules).where(and(inArray(schedules.action, ['campaign_start', 'campaign_stop']), eq(schedules.targetId, id)))
  })
}

interface DueSchedule {
  id: number; action: ScheduleAction; target_id: number; at: Date | null
  minute: string | null; hour: string | null; day: string | null; month: string | null; weekday: string | null; year: string | null
}

/**
 * Runs one fired action; a refusal by the state machine is skipped silently (§5.14). The target is
 * locked with SKIP LOCKED: whoever holds it (a send, a schedule change, a delete) goes on to remove
 * this schedule row, which we hold, so waiting for the target would deadlock. A locked target
 * answers false: the schedule is kept and fires on a later turn if it is still there.
 */
async function fire(core: Core, tx: Db, s: DueSchedule, now: Date): Promise<boolean> {
  const table = s.action === 'transmission_send' ? transmissions : campaigns
  const exists = async () => (await tx.select({ id: table.id }).from(table).where(eq(table.id, s.target_id)).limit(1)).length > 0
  if (s.action === 'transmission_send') {
    const [t] = await tx.select({ id: transmissions.id, status: transmissions.status }).from(transmissions).where(eq(transmissions.id, s.target_id))
      .for('update', { skipLocked: true })
    if (!t) return !(await exists())
    if (t.status === 'pending') await startAttempts(core, tx, [t.id], { now, automatic: true })
    return true
  }
  const [c] = await tx.select().from(campaigns).where(eq(campaigns.id, s.target_id)).for('update', { skipLocked: true })
  if (!c) return !(await exists())
  try {
    await tx.execute(sql`savepoint fire_schedule`)
    if (s.action === 'campaign_start') await startLockedCampaign(core, tx, c)
    else await stopLockedCampaign(core, tx, c)
    await tx.execute(sql`release savepoint fire_schedule`)
  } catch (e) {
    if (!isDomainError(e)) throw e
    await tx.execute(sql`rollback to savepoint fire_schedule`)
  }
  return true
}

/**
 * Fires the schedules due at `now` (up to `limit`, SKIP LOCKED so several processes share the work):
 * one-shot and transmission schedules are removed, recurring campaign schedules move to their next
 * matching minute; one whose target is being changed right now waits for a later turn. Returns how many fired.
 */
export async function fireDueSchedules(core: Core, limit: number): Promise<number> {
  const now = core.now()
  return core.db.transaction(async (tx) => {
    const due = await queryRows<DueSchedule>(tx, sql`select id, action, target_id, at, minute, hour, day, month, weekday, year from schedules
      where next_fire_at <= ${now.toISOString()}::timestamptz order by next_fire_at, id limit ${limit} for update skip locked`)
    let fired = 0
    for (const s of due) {
      if (!(await fire(core, tx, s, now))) continue
      fired++
      const recurring = s.at === null && s.action !== 'transmission_send'
      const next = recurring
        ? nextCronFire({ minute: s.minute ?? '*', hour: s.hour ?? '*', day: s.day ?? '*', month: s.month ?? '*', weekday: s.weekday ?? '*', year: s.year ?? '*' }, now)
        : null
      if (next) await tx.update(schedules).set({ nextFireAt: next }).where(eq(schedules.id, s.id))
      else await tx.delete(schedules).where(eq(schedules.id, s.id))
    }
    return fired
  })
}
