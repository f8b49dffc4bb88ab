import { and, asc, eq, gt, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import type { Db } from '../../db/client.ts'
import { NotFound } from '../errors.ts'
import { tenantOf } from '../kernel/tenancy.ts'
import { blankToNull, LONG_TEXT, notCleared, required, textRule } from '../kernel/field-rules.ts'
import { requirePermission } from '../kernel/guard.ts'
import { listWindow, type FilterSpec, type ListQuery } from '../kernel/list-filter.ts'
import { groupScope } from './contacts.ts'
import { contactGroups, groupContacts } from './contacts.table.ts'

/** A contact group (ICTCore Group, spec/ictcore.md §5.4). */
export type Group = typeof contactGroups.$inferSelect

export interface GroupFields {
  name?: string | null
  description?: string | null
}

const groupFilters: FilterSpec = {
  created: contactGroups.createdAt,
  exact: { id: { column: contactGroups.id, kind: 'int' }, userId: { column: contactGroups.userId, kind: 'int' } },
  text: { name: contactGroups.name, description: contactGroups.description },
}

/** One visible group, or NotFound('Group'). */
export async function findVisibleGroup(db: Db, actor: Actor, id: number): Promise<Group> {
  const [row] = await db.select().from(contactGroups).where(and(eq(contactGroups.id, id), groupScope(actor))).limit(1)
  if (!row) throw new NotFound('Group', id)
  return row
}

export async function createGroup(core: Core, actor: Actor, input: GroupFields): Promise<number> {
  requirePermission(actor, 'group_create')
  const name = required('name', textRule('name', input.name))
  const description = blankToNull(textRule('description', input.description, LONG_TEXT)) ?? null
  const [row] = await core.db.insert(contactGroups).values({ tenantId: tenantOf(actor), userId: actor.userId, name, description }).returning({ id: contactGroups.id })
  return row!.id
}

export async function listGroups(core: Core, actor: Actor, query: ListQuery = {}): Promise<Group[]> {
  requirePermission(actor, 'group_list')
  const w = listWindow(groupFilters, query)
  const q = core.db.select().from(contactGroups).where(and(groupScope(actor), w.where)).orderBy(asc(contactGroups.id)).offset(w.offset)
  return w.limit === undefined ? q : q.limit(w.limit)
}

export async function getGroup(core: Core, actor: Actor, id: number): Promise<Group> {
  requirePermission(actor, 'group_read')
  return findVisibleGroup(core.db, actor, id)
}

/** Partial update: `name` (never cleared), `description`. */
export async function updateGroup(core: Core, actor: Actor, id: number, input: GroupFields): Promise<Group> {
  requirePermission(actor, 'group_update')
  await findVisibleGroup(core.db, actor, id)
  const set: Record<string, unknown> = { updatedAt: core.now() }
  const name = notCleared('name', textRule('name', input.name))
  if (name !== undefined) set.name = name
  if (input.description !== undefined) set.description = blankToNull(textRule('description', input.description, LONG_TEXT))
  const [row] = await core.db.update(contactGroups).set(set).where(eq(contactGroups.id, id)).returning()
  return row!
}

/** Deletes a visible group: its links go, its contacts stay. */
export async function deleteGroup(core: Core, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'group_delete')
  await findVisibleGroup(core.db, actor, id)
  await core.db.delete(contactGroups).where(eq(contactGroups.id, id))
}

/**
 * Contract for campaign preparation: up to `limit` contact ids of a group, ascending, after
 * `afterContactId` (keyset paging; no actor: the caller has already checked the campaign).
 */
export async function streamGroupContactIds(db: Db, groupId: number, afterContactId: number, limit: number): Promise<number[]> {
  const rows = await db.select({ id: groupContacts.contactId }).from(groupContacts)
    .where(and(eq(groupContacts.groupId, groupId), gt(groupContacts.contactId, afterContactId)))
    .orderBy(asc(groupContacts.contactId)).limit(limit)
  return rows.map((r) => r.id)
}

/** Recounts a group's links (repairs `contact_total`; used after bulk work). */
export async function recountGroup(db: Db, groupId: number): Promise<void> {
  await db.update(contactGroups)
    .set({ contactTotal: sql`(select count(*)::int from ${groupContacts} where ${groupContacts.groupId} = ${groupId})` })
    .where(eq(contactGroups.id, groupId))
}
