import { aliasedTable, and, desc, eq, getTableColumns, or, sql, type SQL } from 'drizzle-orm'
import { accountScope } from '../accounts/accounts.ts'
import { accounts } from '../accounts/accounts.table.ts'
import type { Actor } from '../actor.ts'
import { findOrCreateContact, contactScope, type Contact } from '../contacts/contacts.ts'
import { contacts } from '../contacts/contacts.table.ts'
import { inTransaction, type Core } from '../core.ts'
import { Invalid, Locked, NotFound } from '../errors.ts'
import { createProgram, refuseNul, type ProgramFields } from '../programs/programs.ts'
import { programs, type ProgramType } from '../programs/programs.table.ts'
import { bitmask } from '../providers/providers.ts'
import { schedules } from '../schedules/schedules.table.ts'
import { ownedScope, tenantOf } from '../kernel/tenancy.ts'
import { blankToNull, textRule } from '../kernel/field-rules.ts'
import { requirePermission } from '../kernel/guard.ts'
import { containsPattern, listWindow, type FilterSpec, type ListQuery } from '../kernel/list-filter.ts'
import type { Db } from '../../db/client.ts'
import { transmissions, type TransmissionStatus } from './transmissions.table.ts'
import { validId } from '../kernel/ids.ts'

/** A transmission as shown: its row plus the derived program type, addresses and embedded contact (§5.8). */
export type TransmissionView = typeof transmissions.$inferSelect & {
  programType: ProgramType | null
  contactPhone: string | null
  contactEmail: string | null
  accountPhone: string | null
  accountEmail: string | null
  contact: Contact | null
}

/** Writable fields of TransmissionPost; `undefined` = not supplied. */
export interface TransmissionFields {
  title?: string | null
  origin?: string | null
  contactId?: number | null
  /** Without `contactId`: the caller's contact with this address, else a new one. */
  phone?: string | null
  email?: string | null
  accountId?: number | null
  programId?: number | null
  direction?: string | null
  tryAllowed?: number | null
}

export const LIST_LIMIT = 5000

const contactJoin = aliasedTable(contacts, 'tc')
const accountJoin = aliasedTable(accounts, 'ta')
const programJoin = aliasedTable(programs, 'tp')

const viewColumns = {
  ...getTableColumns(transmissions),
  programType: programJoin.type,
  contactPhone: contactJoin.phone,
  contactEmail: contactJoin.email,
  accountPhone: accountJoin.phone,
  accountEmail: accountJoin.email,
  contact: getTableColumns(contactJoin),
}

const transmissionFilters: FilterSpec = {
  exact: {
    id: { column: transmissions.id, kind: 'int' }, programId: { column: transmissions.programId, kind: 'int' },
    accountId: { column: transmissions.accountId, kind: 'int' }, contactId: { column: transmissions.contactId, kind: 'int' },
    campaignId: { column: transmissions.campaignId, kind: 'int' }, userId: { column: transmissions.userId, kind: 'int' },
    status: { column: transmissions.status, kind: 'enum' }, direction: { column: transmissions.direction, kind: 'enum' },
  },
  text: {
    title: transmissions.title, origin: transmissions.origin, response: transmissions.response,
    contactPhone: contactJoin.phone, contactEmail: contactJoin.email, accountPhone: accountJoin.phone, accountEmail: accountJoin.email,
  },
  created: transmissions.createdAt,
}

/** The transmissions a actor may see: its tenant, and its own unless admin (§2.4). */
export const transmissionScope = (actor: Actor): SQL | undefined => ownedScope(actor, transmissions)

function selectViews(db: Db) {
  return db.select(viewColumns).from(transmissions)
    .leftJoin(programJoin, eq(programJoin.id, transmissions.programId))
    .leftJoin(contactJoin, eq(contactJoin.id, transmissions.contactId))
    .leftJoin(accountJoin, eq(accountJoin.id, transmissions.accountId))
}

type ViewRow = Omit<TransmissionView, 'contact'> & { contact: (Partial<Contact> & { id: number | null }) | null }
// Drizzle gives a left-joined nested object as null when every column is null (the contact is gone).
const toView = (r: ViewRow): TransmissionView => ({ ...r, contact: r.contact === null || r.contact.id === null ? null : (r.contact as Contact) })

/** One visible transmission (any reader: dialect or dispatcher through a transaction), or NotFound. */
export async function findVisibleTransmission(db: Db, actor: Actor, id: number): Promise<TransmissionView> {
  if (!validId(id)) throw new NotFound('Transmission', id)
  const [row] = await selectViews(db).where(and(eq(transmissions.id, id), transmissionScope(actor))).limit(1)
  if (!row) throw new NotFound('Transmission', id)
  return toView(row as ViewRow)
}

export async function getTransmission(core: Core, actor: Actor, id: number): Promise<TransmissionView> {
  requirePermission(actor, 'transmission_read')
  return findVisibleTransmission(core.db, actor, id)
}

/** Only the status of a visible transmission (`…/status`). */
export async function transmissionStatus(core: Core, actor: Actor, id: number): Promise<TransmissionStatus> {
  requirePermission(actor, 'transmission_read')
  if (!validId(id)) throw new NotFound('Transmission', id)
  const [row] = await core.db.select({ status: transmissions.status }).from(transmissions)
    .where(and(eq(transmissions.id, id), transmissionScope(actor))).limit(1)
  if (!row) throw new NotFound('Transmission', id)
  return row.status
}

/**
 * Visible transmissions, newest first, filtered and paged (§6: default and max limit 5000).
 * `only` presets filters of the aliases (`/faxes` = service bit 2) and `/programs/{id}/transmissions`.
 */
export async function listTransmissions(core: Core, actor: Actor, query: ListQuery = {}, only: { serviceFlag?: number; programId?: number } = {}): Promise<TransmissionView[]> {
  requirePermission(actor, 'transmission_list')
  const { serviceFlag, phone, email, ...rest } = refuseNul(query).filters ?? {}
  const w = listWindow(transmissionFilters, { ...query, filters: rest }, { limit: LIST_LIMIT, max: LIST_LIMIT })
  const rows = await selectViews(core.db)
    .where(and(
      transmissionScope(actor), w.where, bitmask('serviceFlag', serviceFlag, transmissions.serviceFlag),
      only.serviceFlag === undefined ? undefined : sql`(${transmissions.serviceFlag} & ${only.serviceFlag}) <> 0`,
      only.programId === undefined ? undefined : eq(transmissions.programId, only.programId),
      phone ? or(sql`${contactJoin.phone} ilike ${containsPattern(phone)}`, sql`${accountJoin.phone} ilike ${containsPattern(phone)}`) : undefined,
      email ? or(sql`${contactJoin.email} ilike ${containsPattern(email)}`, sql`${accountJoin.email} ilike ${containsPattern(email)}`) : undefined,
    ))
    .orderBy(desc(transmissions.id)).limit(w.limit ?? LIST_LIMIT).offset(w.offset)
  return rows.map((r) => toView(r as ViewRow))
}

/** The program of a new transmission or campaign: visible and outbound, else Invalid for `programId`. */
export async function outboundProgram(db: Db, actor: Actor, programId: number | null | undefined): Promise<typeof programs.$inferSelect> {
  if (programId === undefined || programId === null) throw new Invalid('programId', 'is required', 'required')
  const [program] = validId(programId) ? await db.select().from(programs).where(and(eq(programs.id, programId), ownedScope(actor, programs))).limit(1) : []
  if (!program) throw new Invalid('programId', 'does not name a visible program', 'reference')
  if (program.direction !== 'outbound') throw new Invalid('programId', 'is not an outbound program')
  return program
}

/**
 * The account a transmission or campaign runs under (§5.8): the supplied one (visible), else the
 * program's, else the caller's active account with the highest id; none → Invalid for `accountId`.
 */
export async function transmissionAccount(db: Db, actor: Actor, supplied: number | null | undefined, programAccountId: number | null): Promise<number> {
  if (supplied !== undefined && supplied !== null) {
    const [hit] = validId(supplied) ? await db.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.id, supplied), accountScope(actor))).limit(1) : []
    if (!hit) throw new Invalid('accountId', 'does not name a visible account', 'reference')
    return hit.id
  }
  if (programAccountId !== null) {
    const [hit] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, programAccountId)).limit(1)
    if (hit) return hit.id
  }
  const [own] = actor.userId === null ? [] : await db.select({ id: accounts.id }).from(accounts)
    .where(and(eq(accounts.userId, actor.userId), eq(accounts.active, true), accountScope(actor))).orderBy(desc(accounts.id)).limit(1)
  if (!own) throw new Invalid('accountId', 'is required: the caller has no active account', 'required')
  return own.id
}

/** `try_allowed`: 1–20. */
export function tryAllowedRule(v: number | null | undefined): number | undefined {
  if (v === undefined || v === null) return undefined
  if (!Number.isInteger(v) || v < 1 || v > 20) throw new Invalid('tryAllowed', 'must be an integer 1-20')
  return v
}

function checkText(f: TransmissionFields): void {
  textRule('title', f.title)
  textRule('origin', f.origin)
  if (f.direction !== undefined && f.direction !== null && f.direction !== 'outbound') throw new Invalid('direction', 'must be outbound')
}

async function visibleContactId(db: Db, actor: Actor, id: number): Promise<number> {
  const [hit] = validId(id) ? await db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.id, id), contactScope(actor))).limit(1) : []
  if (!hit) throw new Invalid('contactId', 'does not name a visible contact', 'reference')
  return hit.id
}

/** Creates a `pending` outbound transmission (§4.3, §5.8); returns its id. */
export async function createTransmission(core: Core, actor: Actor, input: TransmissionFields): Promise<number> {
  requirePermission(actor, 'transmission_create')
  checkText(input)
  const tryAllowed = tryAllowedRule(input.tryAllowed) ?? 1
  return core.db.transaction(async (tx) => {
    const program = await outboundProgram(tx, actor, input.programId)
    let contactId: number
    if (input.contactId !== undefined && input.contactId !== null) contactId = await visibleContactId(tx, actor, input.contactId)
    else if (blankToNull(input.phone) || blankToNull(input.email)) contactId = (await findOrCreateContact(tx, actor, { phone: input.phone, email: input.email })).id
    else throw new Invalid('contactId', 'is required', 'required')
    const accountId = await transmissionAccount(tx, actor, input.accountId, program.accountId)
    const [row] = await tx.insert(transmissions).values({
      tenantId: tenantOf(actor), userId: actor.userId, title: blankToNull(input.title) ?? null, origin: blankToNull(input.origin) ?? program.type,
      contactId, accountId, programId: program.id, serviceFlag: program.serviceFlag, direction: 'outbound', tryAllowed,
    }).returning({ id: transmissions.id })
    return row!.id
  })
}

/** The 423 answer for a transmission in a state that refuses sends and edits (§7.1). */
export function refusalOf(status: TransmissionStatus): Locked | null {
  switch (status) {
    case 'processing': return new Locked('Transmission already in process')
    case 'completed': return new Locked('Transmission already completed')
    case 'invalid': return new Locked('Invalid transmission')
    default: return null
  }
}

/** Locks a visible transmission row for a state change (FOR UPDATE), or NotFound. */
export async function lockTransmission(db: Db, actor: Actor, id: number): Promise<typeof transmissions.$inferSelect> {
  if (!validId(id)) throw new NotFound('Transmission', id)
  const [row] = await db.select().from(transmissions).where(and(eq(transmissions.id, id), transmissionScope(actor))).for('update')
  if (!row) throw new NotFound('Transmission', id)
  return row
}

/** Partial update of a `pending` or `failed` transmission (§4.3). */
export async function updateTransmission(core: Core, actor: Actor, id: number, input: TransmissionFields): Promise<TransmissionView> {
  requirePermission(actor, 'transmission_update')
  checkText(input)
  const tryAllowed = tryAllowedRule(input.tryAllowed)
  return core.db.transaction(async (tx) => {
    const current = await lockTransmission(tx, actor, id)
    const refusal = refusalOf(current.status)
    if (refusal) throw refusal
    const set: Partial<typeof transmissions.$inferInsert> = { updatedAt: core.now() }
    if (input.title !== undefined) set.title = blankToNull(input.title) ?? null
    if (input.origin !== undefined) set.origin = blankToNull(input.origin) ?? null
    if (input.programId !== undefined) {
      const program = await outboundProgram(tx, actor, input.programId)
      set.programId = program.id
      set.serviceFlag = program.serviceFlag
    }
    if (input.contactId !== undefined) {
      if (input.contactId === null) throw new Invalid('contactId', 'is required', 'required')
      set.contactId = await visibleContactId(tx, actor, input.contactId)
    }
    if (input.accountId !== undefined) {
      if (input.accountId === null) throw new Invalid('accountId', 'is required', 'required')
      set.accountId = await transmissionAccount(tx, actor, input.accountId, null)
    }
    if (tryAllowed !== undefined) set.tryAllowed = tryAllowed
    await tx.update(transmissions).set(set).where(eq(transmissions.id, id))
    return findVisibleTransmission(tx, actor, id)
  })
}

/** Deletes a transmission with its spools, results and schedule; `processing` → 423. */
export async function deleteTransmission(core: Core, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'transmission_delete')
  await core.db.transaction(async (tx) => {
    const current = await lockTransmission(tx, actor, id)
    if (current.status === 'processing') throw new Locked('Transmission already in process')
    await tx.delete(schedules).where(and(eq(schedules.action, 'transmission_send'), eq(schedules.targetId, id)))
    await tx.delete(transmissions).where(eq(transmissions.id, id))
  })
}

/** A fresh `pending` copy of any visible transmission (§4.3 clone); returns the new id. */
export async function cloneTransmission(core: Core, actor: Actor, id: number): Promise<number> {
  requirePermission(actor, 'transmission_send')
  const source = await findVisibleTransmission(core.db, actor, id)
  const [row] = await core.db.insert(transmissions).values({
    tenantId: source.tenantId, userId: source.userId, title: source.title, origin: source.origin, contactId: source.contactId,
    accountId: source.accountId, programId: source.programId, serviceFlag: source.serviceFlag, direction: source.direction,
    tryAllowed: source.tryAllowed,
  }).returning({ id: transmissions.id })
  return row!.id
}

/**
 * `POST /programs/{type}/transmissions` (§4.1): creates the program, then a transmission of it, in
 * one transaction: when either is invalid, nothing is created.
 */
export async function createProgramWithTransmission(core: Core, actor: Actor, type: string, program: ProgramFields, transmission: TransmissionFields): Promise<number> {
  requirePermission(actor, 'program_create')
  requirePermission(actor, 'transmission_create')
  return inTransaction(core, async (tx) => {
    const programId = await createProgram(tx, actor, type, program)
    return createTransmission(tx, actor, { ...transmission, programId })
  })
}
