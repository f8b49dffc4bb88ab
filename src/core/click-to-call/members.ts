import { and, eq, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { visibilityKey } from '../read-cache.ts'
import { customers } from '../customers/customers.table.ts'
import { Conflict, Forbidden, Invalid, NotFound } from '../errors.ts'
import { tenantScope } from '../tenancy.ts'
import { insertUser } from '../users/users.ts'
import { users } from '../users/users.table.ts'
import { clickToCallMembers, memberPhones, webButtons } from './click-to-call.table.ts'
import { canonicalGuid, isUniqueViolation, newGuid, normalisePhone } from './identifiers.ts'
import { validId } from '../ids.ts'

export type MemberRow = typeof clickToCallMembers.$inferSelect

/** What AddNewCard carries: the login, the profile and the default phone. */
export interface NewMember {
  email: string
  password: string
  firstName: string
  lastName: string
  /** The default phone; normalised here. */
  phone: string
  corporate: boolean
  companyName?: string | null
  companyUrl?: string | null
  referBy?: string | null
  country?: string | null
  state?: string | null
  city?: string | null
}

export interface CreatedMember {
  customerId: number
  userId: number
  activationId: string
  defaultPhone: string
  defaultButtonGuid: string
}

export const DEFAULT_PHONE_NAME = 'Default'
export const DEFAULT_BUTTON = { name: 'Default', type: 1, linkText: 'Call me', toolTips: 'Click to request a free callback', url: '', templateId: 1 } as const

function memberTenant(actor: Actor): number {
  if (actor.tenantId === null) throw new Forbidden('customer_create')
  return actor.tenantId
}

/**
 * Creates a click-to-call member in the actor's tenant — the customer, its primary user (login =
 * email, role `user`), the member extras (inactive, new ActivationID), the default phone and the
 * default button — in one transaction, so a failure leaves nothing behind. A login email already
 * used in the tenant → Conflict('email').
 */
export async function addMember(core: Core, actor: Actor, input: NewMember): Promise<CreatedMember> {
  const tenantId = memberTenant(actor)
  const phone = normalisePhone(input.phone)
  if (!phone) throw new Invalid('phone', 'is not a phone number')
  const email = input.email.trim()
  try {
    return await core.db.transaction(async (tx) => {
      const taken = await tx.select({ id: users.id }).from(users)
        .where(and(eq(users.tenantId, tenantId), sql`(lower(${users.username}) = lower(${email}) or lower(${users.email}) = lower(${email}))`))
      if (taken.length) throw new Conflict('email')
      const [customer] = await tx.insert(customers).values({
        tenantId, name: `${input.firstName} ${input.lastName}`, firstName: input.firstName, lastName: input.lastName,
        company: input.companyName ?? null, country: input.country ?? null, state: input.state ?? null, city: input.city ?? null, email,
      }).returning({ id: customers.id })
      const customerId = customer!.id
      const user = await insertUser(tx, tenantId, {
        username: email.toLowerCase(), email: email.toLowerCase(), password: input.password, customerId,
        firstName: input.firstName, lastName: input.lastName, company: input.companyName ?? null, phone, roles: ['user'],
      })
      const activationId = newGuid()
      await tx.insert(clickToCallMembers).values({
        customerId, tenantId, activationId, active: false, corporate: input.corporate,
        companyUrl: input.companyUrl ?? null, referBy: input.referBy ?? null,
      })
      const [defaultPhone] = await tx.insert(memberPhones)
        .values({ tenantId, customerId, number: phone, name: DEFAULT_PHONE_NAME, isDefault: true }).returning({ id: memberPhones.id })
      const defaultButtonGuid = newGuid()
      await tx.insert(webButtons).values({
        guid: defaultButtonGuid, tenantId, customerId, phoneId: defaultPhone!.id, isDefault: true, ...DEFAULT_BUTTON,
      })
      return { customerId, userId: user.id, activationId, defaultPhone: phone, defaultButtonGuid }
    })
  } catch (e) {
    // Two AddNewCards racing for one email: the loser hits the users unique index.
    if (isUniqueViolation(e)) throw new Conflict('email')
    throw e
  }
}

/** The member extras of a customer of the actor's tenant; a customer that is no member → NotFound. */
export async function getMember(core: Core, actor: Actor, customerId: number): Promise<MemberRow> {
  const [m] = await core.db.select().from(clickToCallMembers)
    .where(and(eq(clickToCallMembers.customerId, customerId), tenantScope(actor, clickToCallMembers.tenantId)))
  if (!m) throw new NotFound('Member', customerId)
  return m
}

export interface MemberProfile {
  memberId: number
  email: string
  firstName: string
  lastName: string
  corporate: boolean
  companyName: string
  companyUrl: string
  referBy: string
  country: string
  state: string
  city: string
  active: boolean
  activationId: string
  /** In creation order; the default phone first. */
  phones: { number: string; name: string; isDefault: boolean }[]
  /** In creation order; the default button first. */
  buttons: { guid: string; name: string; isDefault: boolean }[]
}

interface ProfileRow {
  id: number
  email: string | null
  first_name: string | null
  last_name: string | null
  company: string | null
  country: string | null
  state: string | null
  city: string | null
  corporate: boolean
  company_url: string | null
  refer_by: string | null
  active: boolean
  activation_id: string
  phones: string
  buttons: string
}

/**
 * A member's whole profile with its phones and buttons, in one query (the hot read of 1303).
 * Plain SQL through `execute`: on PGlite it costs half of the equivalent query builder call.
 */
export async function getMemberProfile(core: Core, actor: Actor, customerId: number): Promise<MemberProfile> {
  if (!validId(customerId)) throw new NotFound('Member', customerId)
  // A hot read (Packetera 1303): served from the exact read cache.
  return core.reads.get(`member-profile:${visibilityKey(actor)}:${customerId}`, MEMBER_PROFILE_TABLES, () => loadMemberProfile(core, actor, customerId))
}

const MEMBER_PROFILE_TABLES = ['customers', 'click_to_call_members', 'member_phones', 'web_buttons']

async function loadMemberProfile(core: Core, actor: Actor, customerId: number): Promise<MemberProfile> {
  const result = await core.db.execute(sql`select ${customers.id} as id, ${customers.email} as email, ${customers.firstName} as first_name,
      ${customers.lastName} as last_name, ${customers.company} as company, ${customers.country} as country, ${customers.state} as state,
      ${customers.city} as city, m.corporate, m.company_url, m.refer_by, m.active, m.activation_id,
      (select coalesce(json_agg(json_build_array(p.number, p.name, p.is_default) order by p.id), '[]')::text
        from ${memberPhones} p where p.customer_id = ${customers.id}) as phones,
      (select coalesce(json_agg(json_build_array(b.guid, b.name, b.is_default) order by b.id), '[]')::text
        from ${webButtons} b where b.customer_id = ${customers.id}) as buttons
    from ${customers} join ${clickToCallMembers} m on m.customer_id = ${customers.id}
    where ${and(eq(customers.id, customerId), tenantScope(actor, customers.tenantId))}`)
  const row = (result as unknown as { rows: ProfileRow[] }).rows[0]
  if (!row) throw new NotFound('Member', customerId)
  const phones = (JSON.parse(row.phones) as [string, string, boolean][]).map(([number, name, isDefault]) => ({ number, name, isDefault }))
  const buttons = (JSON.parse(row.buttons) as [string, string, boolean][]).map(([guid, name, isDefault]) => ({ guid, name, isDefault }))
  return {
    memberId: row.id, email: row.email ?? '', firstName: row.first_name ?? '', lastName: row.last_name ?? '',
    corporate: row.corporate, companyName: row.company ?? '', companyUrl: row.company_url ?? '', referBy: row.refer_by ?? '',
    country: row.country ?? '', state: row.state ?? '', city: row.city ?? '', active: row.active, activationId: row.activation_id,
    phones, buttons,
  }
}

/**
 * Changes a member's first and/or last name (the customer, its display name and its primary
 * user's copy), in one transaction. Neither given → nothing changes.
 */
export async function updateMemberName(core: Core, actor: Actor, customerId: number, patch: { firstName?: string; lastName?: string }): Promise<void> {
  if (patch.firstName === undefined && patch.lastName === undefined) return
  await core.db.transaction(async (tx) => {
    const [c] = await tx.select({ firstName: customers.firstName, lastName: customers.lastName }).from(customers)
      .innerJoin(clickToCallMembers, eq(clickToCallMembers.customerId, customers.id))
      .where(and(eq(customers.id, customerId), tenantScope(actor, customers.tenantId))).for('update')
    if (!c) throw new NotFound('Member', customerId)
    const firstName = patch.firstName ?? c.firstName ?? ''
    const lastName = patch.lastName ?? c.lastName ?? ''
    const now = core.now()
    await tx.update(customers).set({ firstName, lastName, name: `${firstName} ${lastName}`, updatedAt: now }).where(eq(customers.id, customerId))
    await tx.update(users).set({ firstName, lastName, updatedAt: now }).where(eq(users.customerId, customerId))
  })
}

/**
 * Activates the member holding this ActivationID (any case). The ID is the capability of the
 * public activation link, so no actor is needed; idempotent. Unknown or malformed → NotFound.
 */
export async function activateMember(core: Core, activationId: string): Promise<{ customerId: number; tenantId: number }> {
  const guid = canonicalGuid(activationId)
  if (!guid) throw new NotFound('Activation', activationId)
  const [m] = await core.db.update(clickToCallMembers)
    .set({ active: true, activatedAt: sql`coalesce(${clickToCallMembers.activatedAt}, now())` })
    .where(eq(clickToCallMembers.activationId, guid))
    .returning({ customerId: clickToCallMembers.customerId, tenantId: clickToCallMembers.tenantId })
  if (!m) throw new NotFound('Activation', activationId)
  return m
}
