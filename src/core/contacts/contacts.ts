import { and, asc, eq, sql, type SQL } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import type { Db } from '../../db/client.ts'
import { Invalid, NotFound } from '../errors.ts'
import { visibilityKey } from '../read-cache.ts'
import { ownedScope, tenantOf, tenantScope } from '../kernel/tenancy.ts'
import { blankToNull, emailRule, LONG_TEXT, phoneRule, textRule } from '../kernel/field-rules.ts'
import { requirePermission } from '../kernel/guard.ts'
import { listWindow, type FilterSpec, type ListQuery } from '../kernel/list-filter.ts'
import { contactGroups, contacts, groupContacts } from './contacts.table.ts'

/** A contact row (ICTCore Contact, spec/ictcore.md §5.3). */
export type Contact = typeof contacts.$inferSelect

/** Writable contact fields; `undefined` = not supplied, `null` = clear. */
export interface ContactFields {
  firstName?: string | null
  lastName?: string | null
  phone?: string | null
  email?: string | null
  address?: string | null
  custom1?: string | null
  custom2?: string | null
  custom3?: string | null
  description?: string | null
}

export const CONTACT_TEXT_FIELDS = ['firstName', 'lastName', 'address', 'custom1', 'custom2', 'custom3'] as const

export const contactFilters: FilterSpec = {
  created: contacts.createdAt,
  exact: {
    id: { column: contacts.id, kind: 'int' }, userId: { column: contacts.userId, kind: 'int' },
  },
  text: {
    firstName: contacts.firstName, lastName: contacts.lastName, phone: contacts.phone, email: contacts.email, address: contacts.address,
    custom1: contacts.custom1, custom2: contacts.custom2, custom3: contacts.custom3, description: contacts.description,
  },
}

/** Contacts an actor may see: admins every contact of the tenant; others their own. */
export function contactScope(actor: Actor): SQL | undefined {
  return ownedScope(actor, contacts)
}

/** Groups an actor may see: admins every group of the tenant; others their own. */
export function groupScope(actor: Actor): SQL | undefined {
  return ownedScope(actor, contactGroups)
}

/** Validates and normalises contact fields (phone rule, email rule, lengths); `""` → null. */
export function checkContactFields(f: ContactFields): ContactFields {
  const out: ContactFields = {}
  for (const k of CONTACT_TEXT_FIELDS) out[k] = blankToNull(textRule(k, f[k]))
  out.description = blankToNull(textRule('description', f.description, LONG_TEXT))
  out.phone = phoneRule('phone', blankToNull(textRule('phone', f.phone)))
  out.email = emailRule('email', blankToNull(textRule('email', f.email)))
  return out
}

async function findVisibleContact(db: Db, actor: Actor, id: number): Promise<Contact> {
  const [row] = await db.select().from(contacts).where(and(eq(contacts.id, id), contactScope(actor))).limit(1)
  if (!row) throw new NotFound('Contact', id)
  return row
}

/** Creates a contact owned by the actor; `phone` or `email` is required. */
export async function createContact(core: Core, actor: Actor, input: ContactFields): Promise<number> {
  requirePermission(actor, 'contact_create')
  const f = checkContactFields(input)
  if (!f.phone && !f.email) throw new Invalid('phone', 'or email is required', 'required')
  const [row] = await core.db.insert(contacts).values({ ...nullFilled(f), tenantId: tenantOf(actor), userId: actor.userId }).returning({ id: contacts.id })
  return row!.id
}

function nullFilled(f: ContactFields): Required<ContactFields> {
  return {
    firstName: f.firstName ?? null, lastName: f.lastName ?? null, phone: f.phone ?? null, email: f.email ?? null, address: f.address ?? null,
    custom1: f.custom1 ?? null, custom2: f.custom2 ?? null, custom3: f.custom3 ?? null, description: f.description ?? null,
  }
}

/** One visible contact (contract for transmissions and campaigns). */
export async function getContact(core: Core, actor: Actor, id: number): Promise<Contact> {
  requirePermission(actor, 'contact_read')
  // A hot read (clients poll contacts during campaigns): served from the exact read cache.
  return core.reads.get(`contact:${visibilityKey(actor)}:${id}`, ['contacts'], () => findVisibleContact(core.db, actor, id))
}

/**
 * Visible contacts, filtered and paged (§6), by id; `groupId` (a filter or the `/groups/{id}/contacts`
 * path) keeps the members of that group.
 */
export async function listContacts(core: Core, actor: Actor, query: ListQuery = {}, only: { groupId?: number } = {}): Promise<Contact[]> {
  requirePermission(actor, 'contact_list')
  const filters = { ...query.filters }
  const groupFilter = filters.groupId
  delete filters.groupId
  const w = listWindow(contactFilters, { ...query, filters })
  const conds: (SQL | undefined)[] = [contactScope(actor), w.where]
  for (const g of [only.groupId, groupFilter]) {
    if (g === undefined || g === '') continue
    if (typeof g === 'string' && (!/^[0-9]{1,10}$/.test(g) || Number(g) > 2_147_483_647)) throw new Invalid('groupId', 'must be an integer')
    conds.push(sql`exists (select 1 from ${groupContacts} where ${groupContacts.contactId} = ${contacts.id} and ${groupContacts.groupId} = ${Number(g)})`)
  }
  const q = core.db.select().from(contacts).where(and(...conds)).orderBy(asc(contacts.id)).offset(w.offset)
  return w.limit === undefined ? q : q.limit(w.limit)
}

/** Partial update of a visible contact; a contact keeps a phone or an email. */
export async function updateContact(core: Core, actor: Actor, id: number, input: ContactFields): Promise<Contact> {
  requirePermission(actor, 'contact_update')
  const current = await findVisibleContact(core.db, actor, id)
  const f = checkContactFields(input)
  const set: Record<string, unknown> = { updatedAt: core.now() }
  for (const k of [...CONTACT_TEXT_FIELDS, 'description', 'phone', 'email'] as const) if (input[k] !== undefined) set[k] = f[k]
  const phone = 'phone' in set ? set.phone : current.phone
  const email = 'email' in set ? set.email : current.email
  if (!phone && !email) throw new Invalid(input.phone !== undefined ? 'phone' : 'email', 'or email is required', 'required')
  const [row] = await core.db.update(contacts).set(set).where(eq(contacts.id, id)).returning()
  return row!
}

/** Deletes a visible contact; it leaves every group (their totals drop) in the same transaction. */
export async function deleteContact(core: Core, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'contact_delete')
  await core.db.transaction(async (tx) => {
    await findVisibleContact(tx, actor, id)
    await tx.execute(sql`update ${contactGroups} set contact_total = contact_total - 1
      where ${contactGroups.id} in (select ${groupContacts.groupId} from ${groupContacts} where ${groupContacts.contactId} = ${id})`)
    await tx.delete(contacts).where(eq(contacts.id, id))
  })
}

async function findVisibleGroupId(db: Db, actor: Actor, id: number): Promise<void> {
  const [row] = await db.select({ id: contactGroups.id }).from(contactGroups).where(and(eq(contactGroups.id, id), groupScope(actor))).limit(1)
  if (!row) throw new NotFound('Group', id)
}

/** Links a visible contact to a visible group (idempotent); `contact_total` moves in the same transaction. */
export async function linkContact(core: Core, actor: Actor, contactId: number, groupId: number): Promise<Contact> {
  requirePermission(actor, 'contact_update')
  return core.db.transaction(async (tx) => {
    const contact = await findVisibleContact(tx, actor, contactId)
    await findVisibleGroupId(tx, actor, groupId)
    const added = await tx.insert(groupContacts).values({ groupId, contactId }).onConflictDoNothing().returning({ g: groupContacts.groupId })
    if (added.length) await tx.update(contactGroups).set({ contactTotal: sql`${contactGroups.contactTotal} + 1` }).where(eq(contactGroups.id, groupId))
    return contact
  })
}

/** Unlinks a visible contact from a visible group (idempotent). */
export async function unlinkContact(core: Core, actor: Actor, contactId: number, groupId: number): Promise<Contact> {
  requirePermission(actor, 'contact_update')
  return core.db.transaction(async (tx) => {
    const contact = await findVisibleContact(tx, actor, contactId)
    await findVisibleGroupId(tx, actor, groupId)
    const removed = await tx.delete(groupContacts).where(and(eq(groupContacts.groupId, groupId), eq(groupContacts.contactId, contactId))).returning({ g: groupContacts.groupId })
    if (removed.length) await tx.update(contactGroups).set({ contactTotal: sql`${contactGroups.contactTotal} - 1` }).where(eq(contactGroups.id, groupId))
    return contact
  })
}

/**
 * The actor's contact with this phone (and email, when given), or a new one owned by the actor
 * (contract for transmissions: an address given inline becomes a contact). Takes a Core or a Db
 * (a transaction). Invalid addresses are Invalid for `phone` / `email`. `created` says which it was.
 */
export async function findOrCreateContact(coreOrDb: Core | Db, actor: Actor, input: { phone?: string | null; email?: string | null }): Promise<Contact & { created: boolean }> {
  const db: Db = 'keyring' in coreOrDb ? coreOrDb.db : coreOrDb
  const phone = phoneRule('phone', blankToNull(textRule('phone', input.phone)))
  const email = emailRule('email', blankToNull(textRule('email', input.email)))
  if (!phone && !email) throw new Invalid('phone', 'or email is required', 'required')
  const own = and(tenantScope({ ...actor, crossTenant: false }, contacts.tenantId), actor.userId === null ? sql`${contacts.userId} is null` : eq(contacts.userId, actor.userId))
  const [hit] = await db.select().from(contacts)
    .where(and(own, phone ? eq(contacts.phone, phone) : undefined, email ? sql`lower(${contacts.email}) = lower(${email})` : undefined))
    .orderBy(asc(contacts.id)).limit(1)
  if (hit) return { ...hit, created: false }
  const [row] = await db.insert(contacts).values({ ...nullFilled({ phone, email }), tenantId: tenantOf(actor), userId: actor.userId }).returning()
  return { ...row!, created: true }
}
