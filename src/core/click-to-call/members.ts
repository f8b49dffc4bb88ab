import { and, eq, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { visibilityKey } from '../read-cache.ts'
import { customers } from '../customers/customers.table.ts'
import { modifyCustomer } from '../customers/customer-changes.ts'
import { countryNameOf } from '../customers/country-names.ts'
import { splitPhone } from '../customers/phone-numbers.ts'
import { signUpCustomer } from '../customers/sign-up.ts'
import { Invalid, NotFound } from '../errors.ts'
import { tenantScope } from '../kernel/tenancy.ts'
import { clickToCallMembers, memberPhones, webButtons } from './click-to-call.table.ts'
import { canonicalGuid, normalisePhone } from './identifiers.ts'
import { validId } from '../kernel/ids.ts'

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

/**
 * Creates a click-to-call member (Packetera AddNewCard) through the one customer sign-up: the
 * customer, its primary user, the membership awaiting activation, the default phone and button, in
 * one transaction. A login email already used in the tenant → Conflict('username').
 */
export async function addMember(core: Core, actor: Actor, input: NewMember): Promise<CreatedMember> {
  const phone = normalisePhone(input.phone)
  if (!phone) throw new Invalid('phone', 'is not a phone number')
  const { customer, user, member } = await signUpCustomer(core, actor, {
    profile: {
      firstName: input.firstName, lastName: input.lastName, company: input.companyName ?? null,
      country: input.country ?? null, state: input.state ?? null, city: input.city ?? null, ...splitPhone(phone),
    },
    login: { email: input.email, password: input.password },
    member: { corporate: input.corporate, companyUrl: input.companyUrl ?? null, referBy: input.referBy ?? null, awaitsActivation: true },
    callbackPhone: phone,
  })
  return { customerId: customer.id, userId: user!.id, activationId: member.activationId, defaultPhone: phone, defaultButtonGuid: member.defaultButtonGuid! }
}

/**
 * The member extras of a customer of the actor's tenant; a customer that is no member → NotFound.
 * Read on every Packetera transaction an inactive member may not run: served from the exact read cache.
 */
export async function getMember(core: Core, actor: Actor, customerId: number): Promise<MemberRow> {
  if (!validId(customerId)) throw new NotFound('Member', customerId)
  return core.reads.get(`member:${visibilityKey(actor)}:${customerId}`, MEMBER_TABLES, () => loadMember(core, actor, customerId))
}

const MEMBER_TABLES = ['click_to_call_members']

async function loadMember(core: Core, actor: Actor, customerId: number): Promise<MemberRow> {
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
  country_name: string | null
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
      ${customers.lastName} as last_name, ${customers.company} as company, ${customers.country} as country, ${customers.countryName} as country_name, ${customers.state} as state,
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
    country: row.country_name ?? countryNameOf(row.country) ?? '', state: row.state ?? '', city: row.city ?? '', active: row.active, activationId: row.activation_id,
    phones, buttons,
  }
}

/**
 * Changes a member's first and/or last name: the customer profile that every dialect reads (the
 * same change as ResellerClub customers/modify). Neither given → nothing changes.
 */
export async function updateMemberName(core: Core, actor: Actor, customerId: number, patch: { firstName?: string; lastName?: string }): Promise<void> {
  if (patch.firstName === undefined && patch.lastName === undefined) return
  await getMember(core, actor, customerId)
  await modifyCustomer(core, actor, customerId, { profile: patch })
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
