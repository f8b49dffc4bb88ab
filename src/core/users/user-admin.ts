import { campaigns } from '../campaigns/campaigns.table.ts'
import { and, asc, eq, sql, type SQL } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { visibilityKey } from '../read-cache.ts'
import { Conflict, Invalid, Locked, NotFound } from '../errors.ts'
import { hashSecret } from '../secrets/index.ts'
import { tenantOf, tenantScope } from '../kernel/tenancy.ts'
import { blankToNull, emailRule, notCleared, passwordRule, phoneRule, required, textRule } from '../kernel/field-rules.ts'
import { isUniqueViolation } from '../kernel/db-errors.ts'
import { requireAdmin, requirePermission } from '../kernel/guard.ts'
import { listWindow, type FilterSpec, type ListQuery } from '../kernel/list-filter.ts'
import { ALL_DIGITS, forgetUser, insertUser, USER_COLUMNS, USER_TABLES, userCustomer, type User } from './users.ts'
import { customers } from '../customers/customers.table.ts'
import { modifyCustomer } from '../customers/customer-changes.ts'
import type { CustomerProfile } from '../customers/customers.ts'
import { splitPhone } from '../customers/phone-numbers.ts'
import { inTransaction } from '../core.ts'
import { users } from './users.table.ts'

/** A user as the user-management API shows it: the row without its hash, plus derived admin-ness. */
export type UserView = Omit<User, 'passwordHash' | 'passwordChangedAt' | 'tokensValidFrom'> & { isAdmin: boolean }

/** Writable user fields; `undefined` = not supplied, `null` = clear. */
export interface UserFields {
  username?: string | null
  password?: string | null
  email?: string | null
  firstName?: string | null
  lastName?: string | null
  phone?: string | null
  address?: string | null
  company?: string | null
  countryId?: number | null
  timezoneId?: number | null
  languageId?: number | null
  active?: boolean | null
}

// The user-management username rule (spec/ictcore.md §5.1); logins made by other dialects may be emails.
const USERNAME = /^[A-Za-z0-9._-]{1,64}$/

/** Names that grant `user_create` by prefix: holding one makes a user admin (§2.4). */
const ADMIN_GRANTS = sql.raw(`('*', 'user', 'user_create')`)

// Qualified by hand: inside the subqueries a bare "id" would resolve to permissions.id.
const USER_ID = sql.raw('"users"."id"')

/** SQL: whether the user row holds an admin-making permission through a role or directly. */
export const isAdminExpr = sql<boolean>`(exists (select 1 from user_roles ur join role_permissions rp on rp.role_id = ur.role_id join permissions p on p.id = rp.permission_id where ur.user_id = ${USER_ID} and p.name in ${ADMIN_GRANTS}) or exists (select 1 from user_permissions up join permissions p on p.id = up.permission_id where up.user_id = ${USER_ID} and p.name in ${ADMIN_GRANTS}))`

const viewColumns = {
  id: users.id, tenantId: users.tenantId, customerId: users.customerId, username: users.username, email: users.email,
  firstName: USER_COLUMNS.firstName, lastName: USER_COLUMNS.lastName, phone: USER_COLUMNS.phone, address: USER_COLUMNS.address,
  company: USER_COLUMNS.company, countryId: users.countryId, timezoneId: users.timezoneId, languageId: users.languageId,
  active: users.active, createdAt: users.createdAt, updatedAt: users.updatedAt, isAdmin: isAdminExpr,
}

const userFilters: FilterSpec = {
  created: users.createdAt,
  exact: {
    id: { column: users.id, kind: 'int' }, active: { column: users.active, kind: 'bool' },
    countryId: { column: users.countryId, kind: 'int' }, timezoneId: { column: users.timezoneId, kind: 'int' },
  },
  text: {
    username: users.username, firstName: USER_COLUMNS.firstName, lastName: USER_COLUMNS.lastName, phone: USER_COLUMNS.phone,
    email: users.email, address: USER_COLUMNS.address, company: USER_COLUMNS.company,
  },
}

/** The users an actor may see: its tenant's (admin), every tenant's (platform admin), else itself. */
export function userScope(actor: Actor): SQL | undefined {
  if (!actor.isAdmin) return eq(users.id, actor.userId ?? -1)
  return tenantScope(actor, users.tenantId)
}

/** One visible user, or NotFound('User'). */
export async function findVisibleUser(core: Core, actor: Actor, id: number): Promise<UserView> {
  const [u] = await core.db.select(viewColumns).from(users).leftJoin(customers, userCustomer).where(and(eq(users.id, id), userScope(actor))).limit(1)
  if (!u) throw new NotFound('User', id)
  return u
}

function checkFields(f: UserFields): UserFields {
  if (f.username !== undefined && f.username !== null && f.username !== '' && !USERNAME.test(f.username)) throw new Invalid('username', 'must be 1-64 letters, digits or . _ -')
  if (f.username && ALL_DIGITS.test(f.username)) throw new Invalid('username', 'may not be all digits')
  for (const k of ['firstName', 'lastName', 'address', 'company'] as const) textRule(k, f[k])
  for (const k of ['countryId', 'timezoneId', 'languageId'] as const) {
    const v = f[k]
    if (v !== undefined && v !== null && (!Number.isSafeInteger(v) || v < 0 || v > 2_147_483_647)) throw new Invalid(k, 'must be an integer')
  }
  return {
    ...f,
    email: emailRule('email', blankToNull(f.email)),
    phone: phoneRule('phone', blankToNull(f.phone)),
    firstName: blankToNull(f.firstName), lastName: blankToNull(f.lastName), address: blankToNull(f.address), company: blankToNull(f.company),
  }
}

async function assertUnique(core: Core, tenantId: number | null, f: UserFields, exceptId?: number): Promise<void> {
  const tenant = sql`coalesce(${users.tenantId}, 0) = ${tenantId ?? 0}`
  const other = exceptId === undefined ? undefined : sql`${users.id} <> ${exceptId}`
  if (f.username) {
    const [hit] = await core.db.select({ id: users.id }).from(users).where(and(tenant, other, sql`lower(${users.username}) = lower(${f.username})`)).limit(1)
    if (hit) throw new Conflict('username')
  }
  if (f.email) {
    const [hit] = await core.db.select({ id: users.id }).from(users).where(and(tenant, other, sql`lower(${users.email}) = lower(${f.email})`)).limit(1)
    if (hit) throw new Conflict('email')
  }
}

/** Creates a user in the admin's tenant holding the built-in `user` role, with its default account. */
export async function createUser(core: Core, actor: Actor, input: UserFields): Promise<number> {
  requireAdmin(actor, 'user_create')
  const username = required('username', input.username)
  const password = required('password', passwordRule('password', input.password))
  const f = checkFields(input)
  const tenantId = tenantOf(actor)
  await assertUnique(core, tenantId, f)
  try {
    const u = await insertUser(core.db, tenantId, {
      username, password, email: f.email, firstName: f.firstName, lastName: f.lastName, phone: f.phone, address: f.address,
      company: f.company, countryId: f.countryId, timezoneId: f.timezoneId, languageId: f.languageId, active: f.active ?? true, roles: ['user'],
    })
    return u.id
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict('username')
    throw e
  }
}

/** The users the actor may see, filtered and paged (§6), by id. */
export async function listUsers(core: Core, actor: Actor, query: ListQuery = {}): Promise<UserView[]> {
  requirePermission(actor, 'user_list')
  const w = listWindow(userFilters, query)
  const q = core.db.select(viewColumns).from(users).leftJoin(customers, userCustomer).where(and(userScope(actor), w.where)).orderBy(asc(users.id)).offset(w.offset)
  return w.limit === undefined ? q : q.limit(w.limit)
}

/** One user the actor may see. */
export async function getUser(core: Core, actor: Actor, id: number): Promise<UserView> {
  requirePermission(actor, 'user_read')
  // A hot read (Bearer GET /users/{id}): served from the exact read cache.
  return core.reads.get(`user-view:${visibilityKey(actor)}:${id}`, USER_VIEW_TABLES, () => findVisibleUser(core, actor, id))
}

/** What a user view is read from (is_admin comes from roles and grants). */
const USER_VIEW_TABLES = [...USER_TABLES, 'user_roles', 'role_permissions', 'permissions', 'user_permissions']

/**
 * Partial update. A non-admin may update only itself and cannot change `active`; a new password
 * needs `user_password` and drops cached logins.
 */
export async function updateUser(core: Core, actor: Actor, id: number, input: UserFields): Promise<UserView> {
  requirePermission(actor, 'user_update')
  const current = await findVisibleUser(core, actor, id)
  notCleared('username', input.username)
  if (input.password !== undefined) {
    requirePermission(actor, 'user_password')
    notCleared('password', input.password)
    passwordRule('password', input.password)
  }
  const f = checkFields(input)
  if (!actor.isAdmin) f.active = undefined
  if (f.active === null) throw new Invalid('active', 'is required', 'required')
  await assertUnique(core, current.tenantId, { username: f.username, email: f.email }, id)
  const set: Partial<typeof users.$inferInsert> = { updatedAt: core.now() }
  for (const k of ['username', 'email', 'firstName', 'lastName', 'phone', 'address', 'company', 'countryId', 'timezoneId', 'languageId', 'active'] as const) {
    if (f[k] !== undefined) (set as Record<string, unknown>)[k] = f[k]
  }
  if (f.password) {
    set.passwordHash = await hashSecret(f.password)
    set.passwordChangedAt = core.now()
  }
  // A new password or a disabled user ends the sessions it had (#13 finding 5).
  if (f.password || f.active === false) set.tokensValidFrom = core.now()
  const profile = current.customerId === null ? null : profileOf(set)
  try {
    await inTransaction(core, async (tx) => {
      if (profile && Object.keys(profile).length) await modifyCustomer(tx, actor, current.customerId!, { profile })
      await tx.db.update(users).set(set).where(eq(users.id, id))
    })
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict(f.email ? 'email' : 'username')
    throw e
  }
  forgetUser(core, id)
  return findVisibleUser(core, actor, id)
}

/**
 * Takes out of a user change the fields that a customer's primary login reads from the customer
 * profile (name, company, address, phone) and returns them as a profile change; the email is both.
 */
function profileOf(set: Partial<typeof users.$inferInsert>): Partial<CustomerProfile> {
  const profile: Partial<CustomerProfile> = {}
  if (set.firstName !== undefined) profile.firstName = set.firstName
  if (set.lastName !== undefined) profile.lastName = set.lastName
  if (set.company !== undefined) profile.company = set.company
  if (set.address !== undefined) profile.address1 = set.address
  if (set.phone !== undefined) Object.assign(profile, set.phone === null ? { phoneCc: null, phone: null } : splitPhone(set.phone))
  if (set.email !== undefined) profile.email = set.email
  delete set.firstName
  delete set.lastName
  delete set.company
  delete set.address
  delete set.phone
  return profile
}

/** Sets a user's password (non-admin: only its own). */
export async function changeUserPassword(core: Core, actor: Actor, id: number, password: string | null | undefined): Promise<UserView> {
  requirePermission(actor, 'user_password')
  await findVisibleUser(core, actor, id)
  const pw = required('password', passwordRule('password', password))
  const now = core.now()
  await core.db.update(users).set({ passwordHash: await hashSecret(pw), passwordChangedAt: now, tokensValidFrom: now, updatedAt: now }).where(eq(users.id, id))
  forgetUser(core, id)
  return findVisibleUser(core, actor, id)
}

/**
 * Deletes a user (admin only; not oneself, not while it runs a campaign). Its grants and owned objects go with it; the accounts it owned stay,
 * unowned (accounts.user_id is `on delete set null`).
 */
export async function deleteUser(core: Core, actor: Actor, id: number): Promise<void> {
  requireAdmin(actor, 'user_delete')
  await findVisibleUser(core, actor, id)
  if (actor.userId === id) throw new Locked('Cannot delete current user')
  const [running] = await core.db.select({ id: campaigns.id }).from(campaigns).where(and(eq(campaigns.userId, id), eq(campaigns.status, 'running'))).limit(1)
  if (running) throw new Locked('User has a running campaign')
  await core.db.delete(users).where(eq(users.id, id))
  forgetUser(core, id)
}
