import { and, eq, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Conflict, Forbidden, Invalid } from '../errors.ts'
import { insertCustomerAccounts } from '../accounts/customer-accounts.ts'
import { DEFAULT_BUTTON, DEFAULT_PHONE_NAME } from '../click-to-call/defaults.ts'
import { clickToCallMembers, memberPhones, webButtons } from '../click-to-call/click-to-call.table.ts'
import { newGuid, normalisePhone } from '../click-to-call/identifiers.ts'
import { insertUser, type User } from '../users/users.ts'
import { users } from '../users/users.table.ts'
import { customers } from './customers.table.ts'
import { uniqueLoginOrConflict, type Customer, type CustomerProfile } from './customers.ts'
import { isLoginEmail } from './customer-rules.ts'
import { completeProfile } from './profile.ts'
import { joinPhone } from './phone-numbers.ts'

/** What a sign-up carries, whichever dialect it came through (wire-neutral). */
export interface NewCustomer {
  /**
   * The profile. `name` or `firstName`/`lastName` (each derived from the other when absent);
   * `country` an ISO 3166-1 alpha-2 code or a country's English name (free text is kept as given in
   * `countryName`); `pin` generated when absent.
   */
  profile: Partial<CustomerProfile>
  /** The customer's primary login (ResellerClub username + passwd, Packetera UserEmail + UserPassword). */
  login?: { email: string; password: string }
  /** Click-to-call membership details (every customer is a member; see docs/decisions.md). */
  member?: { corporate?: boolean; companyUrl?: string | null; referBy?: string | null; awaitsActivation?: boolean }
  /** The member's default callback phone; default: the profile's phone. */
  callbackPhone?: string | null
}

export interface SignedUpCustomer {
  customer: Customer
  user: User | null
  member: { activationId: string; defaultPhone: string | null; defaultButtonGuid: string | null }
}

/**
 * Signs a customer up in the actor's tenant — the one sign-up of every dialect (ResellerClub
 * signup, Packetera AddNewCard, Delacon provision). In one transaction: the customer with its
 * completed profile; with a login, its primary user (username = the login email, lower case,
 * built-in `user` role; name, company and phone are read from the profile, not copied); its
 * click-to-call membership (active unless `awaitsActivation`) with the default callback phone (an
 * account of the customer) and default button when it has a phone. A login email already used in
 * the tenant → Conflict('username').
 */
export async function signUpCustomer(core: Core, actor: Actor, input: NewCustomer): Promise<SignedUpCustomer> {
  if (actor.tenantId === null) throw new Forbidden('customer_create')
  const tenantId = actor.tenantId
  const profile = completeProfile(input.profile)
  const login = input.login ? { email: input.login.email.trim().toLowerCase(), password: input.login.password } : null
  if (login) {
    if (!isLoginEmail(login.email)) throw new Invalid('username', 'is invalid')
    profile.email = login.email
  }
  const rawPhone = input.callbackPhone ?? joinPhone(profile.phoneCc, profile.phone)
  const callbackPhone = rawPhone ? normalisePhone(rawPhone) : null
  if (input.callbackPhone && !callbackPhone) throw new Invalid('phone', 'is not a phone number')
  return uniqueLoginOrConflict(() => core.db.transaction(async (tx) => {
    if (login) {
      const taken = await tx.select({ id: users.id }).from(users)
        .where(and(eq(users.tenantId, tenantId), sql`(lower(${users.username}) = ${login.email} or lower(${users.email}) = ${login.email})`))
      if (taken.length) throw new Conflict('username')
    }
    const [customer] = await tx.insert(customers).values({ ...profile, tenantId }).returning()
    const user = login
      ? await insertUser(tx, tenantId, {
        username: login.email, email: login.email, password: login.password, customerId: customer!.id, roles: ['user'],
        account: { firstName: profile.firstName, lastName: profile.lastName, phone: callbackPhone },
      })
      : null
    const activationId = newGuid()
    const m = input.member ?? {}
    await tx.insert(clickToCallMembers).values({
      customerId: customer!.id, tenantId, activationId, active: !m.awaitsActivation, activatedAt: m.awaitsActivation ? null : core.now(),
      corporate: m.corporate ?? false, companyUrl: m.companyUrl ?? null, referBy: m.referBy ?? null,
    })
    let defaultButtonGuid: string | null = null
    if (callbackPhone) {
      // The phone is an account of the customer (owned by the user made above, if any).
      const [accountId] = await insertCustomerAccounts(tx, customer!, [{ type: 'account', username: null, phone: callbackPhone }])
      const [phone] = await tx.insert(memberPhones)
        .values({ tenantId, customerId: customer!.id, number: callbackPhone, name: DEFAULT_PHONE_NAME, isDefault: true, accountId: accountId! })
        .returning({ id: memberPhones.id })
      defaultButtonGuid = newGuid()
      await tx.insert(webButtons).values({ guid: defaultButtonGuid, tenantId, customerId: customer!.id, phoneId: phone!.id, isDefault: true, ...DEFAULT_BUTTON })
    }
    return { customer: customer!, user, member: { activationId, defaultPhone: callbackPhone, defaultButtonGuid } }
  }))
}
