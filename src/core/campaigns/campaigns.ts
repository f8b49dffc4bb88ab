import { and, asc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import { findVisibleGroup } from '../contacts/groups.ts'
import { contactGroups, groupContacts } from '../contacts/contacts.table.ts'
import type { Core } from '../core.ts'
import { Invalid, Locked, NotFound } from '../errors.ts'
import { refuseNul } from '../programs/programs.ts'
import { programs, type ProgramType } from '../programs/programs.table.ts'
import { schedules } from '../schedules/schedules.table.ts'
import { ownedScope, tenantOf } from '../kernel/tenancy.ts'
import { outboundProgram, transmissionAccount, tryAllowedRule } from '../transmissions/transmissions.ts'
import { transmissions } from '../transmissions/transmissions.table.ts'
import { requirePermission } from '../kernel/guard.ts'
import { listWindow, type FilterSpec, type ListQuery } from '../kernel/list-filter.ts'
import type { Db } from '../../db/client.ts'
import { withdrawBookedSends } from '../delivery/pacing.ts'
import { campaigns } from './campaigns.table.ts'
import { validId } from '../kernel/ids.ts'

/** A campaign as shown (§5.9): its row, the program type and how many transmissions are final. */
export type CampaignView = typeof campaigns.$inferSelect & { programType: ProgramType | null }

export interface CampaignFields {
  programId?: number | null
  groupId?: number | null
  accountId?: number | null
  cpm?: number | null
  tryAllowed?: number | null
}

/** The API's cpm range (§5.9); 0 (unpaced) is an internal value for benchmarks and the native API. */
export const CPM_MAX = 600

// Qualified by hand: inside a subquery drizzle renders columns unqualified, and `id` would bind to the inner table.
const programType = sql<ProgramType | null>`(select p.type from programs p where p.id = "campaigns"."program_id")`.as('program_type')
// contact_done counts final transmissions on read: one counter row per campaign would serialise every attempt's end.
const contactDone = sql<number>`(select count(*)::int from transmissions t where t.campaign_id = "campaigns"."id"
  and t.status in ('completed', 'failed', 'invalid'))`.as('contact_done_now')

const campaignFilters: FilterSpec = {
  exact: {
    id: { column: campaigns.id, kind: 'int' }, programId: { column: campaigns.programId, kind: 'int' }, groupId: { column: campaigns.groupId, kind: 'int' },
    accountId: { column: campaigns.accountId, kind: 'int' }, userId: { column: campaigns.userId, kind: 'int' }, status: { column: campaigns.status, kind: 'enum' },
  },
  text: {},
  created: campaigns.createdAt,
}

export const campaignScope = (actor: Actor): SQL | undefined => ownedScope(actor, campaigns)

async function selectViews(db: Db, where: SQL | undefined, page: { limit?: number; offset?: number } = {}): Promise<CampaignView[]> {
  const q = db.select({ ...getTableColumns(campaigns), programType, contactDoneNow: contactDone }).from(campaigns).where(where).orderBy(asc(campaigns.id)).offset(page.offset ?? 0)
  const rows = await (page.limit === undefined ? q : q.limit(page.limit))
  return rows.map(({ contactDoneNow, ...r }) => ({ ...r, contactDone: Number(contactDoneNow) }))
}

async function findVisibleCampaign(db: Db, actor: Actor, id: number): Promise<CampaignView> {
  if (!validId(id)) throw new NotFound('Campaign', id)
  const [row] = await selectViews(db, and(eq(campaigns.id, id), campaignScope(actor)))
  if (!row) throw new NotFound('Campaign', id)
  return row
}

/** Locks a visible campaign row for a state change. */
export async function lockCampaign(db: Db, actor: Actor, id: number): Promise<typeof campaigns.$inferSelect> {
  if (!validId(id)) throw new NotFound('Campaign', id)
  const [row] = await db.select().from(campaigns).where(and(eq(campaigns.id, id), campaignScope(actor))).for('update')
  if (!row) throw new NotFound('Campaign', id)
  return row
}

export function cpmRule(v: number | null | undefined, max = CPM_MAX): number | undefined {
  if (v === undefined || v === null) return undefined
  if (!Number.isInteger(v) || v < (max === CPM_MAX ? 1 : 0) || v > max) throw new Invalid('cpm', `must be an integer 1-${max}`)
  return v
}

async function visibleGroupId(db: Db, actor: Actor, id: number | null | undefined): Promise<number> {
  if (id === undefined || id === null) throw new Invalid('groupId', 'is required', 'required')
  const group = await findVisibleGroup(db, actor, id).catch(() => null)
  if (!group) throw new Invalid('groupId', 'does not name a visible group', 'reference')
  return group.id
}

/** Creates a `new` campaign (§4.6, §5.9). `cpmMax` lets the native API allow 0 = unpaced and more than 600. */
export async function createCampaign(core: Core, actor: Actor, input: CampaignFields, opts: { cpmMax?: number } = {}): Promise<number> {
  requirePermission(actor, 'campaign_create')
  const cpm = cpmRule(input.cpm, opts.cpmMax) ?? 2
  const tryAllowed = tryAllowedRule(input.tryAllowed) ?? 1
  return core.db.transaction(async (tx) => {
    const program = await outboundProgram(tx, actor, input.programId)
    const groupId = await visibleGroupId(tx, actor, input.groupId)
    const accountId = await transmissionAccount(tx, actor, input.accountId, program.accountId)
    const [row] = await tx.insert(campaigns).values({
      tenantId: tenantOf(actor), userId: actor.userId, programId: program.id, groupId, accountId, cpm, tryAllowed,
    }).returning({ id: campaigns.id })
    return row!.id
  })
}

export async function getCampaign(core: Core, actor: Actor, id: number): Promise<CampaignView> {
  requirePermission(actor, 'campaign_read')
  return findVisibleCampaign(core.db, actor, id)
}

/** Visible campaigns, by id, filtered (§6; `program_type` is matched through the program). */
export async function listCampaigns(core: Core, actor: Actor, query: ListQuery = {}): Promise<CampaignView[]> {
  requirePermission(actor, 'campaign_list')
  const { programType: type, ...rest } = refuseNul(query).filters ?? {}
  const w = listWindow(campaignFilters, { ...query, filters: rest })
  const byType = type ? inArray(campaigns.programId, core.db.select({ id: programs.id }).from(programs).where(eq(programs.type, type as ProgramType))) : undefined
  return selectViews(core.db, and(campaignScope(actor), w.where, byType), w)
}

/**
 * Partial update (§4.6): program, group and account only while `new`; `cpm` applies from the next
 * send; `try_allowed` also raises or lowers its still-`pending` transmissions (never below try_done).
 */
export async function updateCampaign(core: Core, actor: Actor, id: number, input: CampaignFields, opts: { cpmMax?: number } = {}): Promise<CampaignView> {
  requirePermission(actor, 'campaign_update')
  const cpm = cpmRule(input.cpm, opts.cpmMax)
  const tryAllowed = tryAllowedRule(input.tryAllowed)
  return core.db.transaction(async (tx) => {
    const current = await lockCampaign(tx, actor, id)
    const set: Partial<typeof campaigns.$inferInsert> = { updatedAt: core.now() }
    // Only a change counts: clients PUT the whole object back, with the ids unchanged (§4.6).
    const changes = (v: number | null | undefined, now: number | null) => v !== undefined && v !== now
    const structural = changes(input.programId, current.programId) || changes(input.groupId, current.groupId) || changes(input.accountId, current.accountId)
    if (structural && current.status !== 'new') throw new Locked('Campaign already started')
    let programAccount: number | null = null
    if (input.programId !== undefined) {
      const program = await outboundProgram(tx, actor, input.programId)
      set.programId = program.id
      programAccount = program.accountId
    }
    if (input.groupId !== undefined) set.groupId = await visibleGroupId(tx, actor, input.groupId)
    if (input.accountId !== undefined) set.accountId = await transmissionAccount(tx, actor, input.accountId, programAccount)
    if (cpm !== undefined && cpm !== current.cpm) {
      set.cpm = cpm
      // Sends already booked at the old rate are booked again at the new one, from the first of them.
      if (current.status === 'running') {
        const from = await withdrawBookedSends(tx, id, core.now())
        if (from) set.nextSlotAt = from
      }
    }
    if (tryAllowed !== undefined) {
      set.tryAllowed = tryAllowed
      await tx.update(transmissions).set({ tryAllowed: sql`greatest(${tryAllowed}, ${transmissions.tryDone})` })
        .where(and(eq(transmissions.campaignId, id), eq(transmissions.status, 'pending')))
    }
    await tx.update(campaigns).set(set).where(eq(campaigns.id, id))
    return findVisibleCampaign(tx, actor, id)
  })
}

/** Deletes a campaign that is not running, with its schedules; its transmissions stay. */
export async function deleteCampaign(core: Core, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'campaign_delete')
  await core.db.transaction(async (tx) => {
    const current = await lockCampaign(tx, actor, id)
    if (current.status === 'running') throw new Locked('Campaign already running')
    await tx.delete(schedules).where(and(inArray(schedules.action, ['campaign_start', 'campaign_stop']), eq(schedules.targetId, id)))
    await tx.delete(campaigns).where(eq(campaigns.id, id))
  })
}

/**
 * Start (§7.3). From `new`: program and group must still exist; the group's contacts at this moment
 * (contact id ≤ the highest linked now) are prepared in batches by the dispatcher, each becoming one
 * transmission; an empty group completes at once. From `paused`: running again, nothing new is made.
 */
export async function startCampaign(core: Core, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'campaign_start')
  await core.db.transaction(async (tx) => startLockedCampaign(core, tx, await lockCampaign(tx, actor, id)))
}

/** The state change of start on a locked campaign row (also fired by schedules). */
export async function startLockedCampaign(core: Core, tx: Db, c: typeof campaigns.$inferSelect): Promise<void> {
  if (c.status === 'running') throw new Locked('Campaign already running')
  if (c.status === 'completed') throw new Locked('Campaign already completed')
  const now = core.now()
  if (c.status === 'paused') {
    await tx.update(campaigns).set({ status: 'running', nextSlotAt: null, updatedAt: now }).where(eq(campaigns.id, c.id))
    return
  }
  const [program] = await tx.select({ id: programs.id }).from(programs).where(eq(programs.id, c.programId)).limit(1)
  if (!program) throw new Invalid('programId', 'does not name a program any more', 'reference')
  const [group] = await tx.select({ id: contactGroups.id }).from(contactGroups).where(eq(contactGroups.id, c.groupId)).limit(1)
  if (!group) throw new Invalid('groupId', 'does not name a group any more', 'reference')
  const [bound] = await tx.select({ max: sql<number | null>`max(${groupContacts.contactId})` }).from(groupContacts).where(eq(groupContacts.groupId, c.groupId))
  const limit = bound?.max ?? null
  await tx.update(campaigns).set({
    status: limit === null ? 'completed' : 'running', prepareLimit: limit === null ? 0 : Number(limit), preparedUpTo: 0, nextSlotAt: null, updatedAt: now,
  }).where(eq(campaigns.id, c.id))
}

/** Stop (§7.3): `running` → `paused`; attempts in progress finish, nothing new is sent. */
export async function stopCampaign(core: Core, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'campaign_stop')
  await core.db.transaction(async (tx) => stopLockedCampaign(core, tx, await lockCampaign(tx, actor, id)))
}

export async function stopLockedCampaign(core: Core, tx: Db, c: typeof campaigns.$inferSelect): Promise<void> {
  if (c.status !== 'running') throw new Locked('Campaign is not running')
  const now = core.now()
  await withdrawBookedSends(tx, c.id, now)
  await tx.update(campaigns).set({ status: 'paused', updatedAt: now }).where(eq(campaigns.id, c.id))
}
