import { and, asc, eq, ne, sql, type SQL } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Conflict, Invalid, Locked, NotFound } from '../errors.ts'
import { ownedScope, tenantOf } from '../kernel/tenancy.ts'
import { blankToNull, emailRule, LONG_TEXT, notCleared, phoneRule, required, textRule } from '../kernel/field-rules.ts'
import { isForeignKeyViolation, isUniqueViolation } from '../kernel/db-errors.ts'
import { requireAdmin, requirePermission } from '../kernel/guard.ts'
import { listWindow, type FilterSpec, type ListQuery } from '../kernel/list-filter.ts'
import { findVisibleUser } from '../users/user-admin.ts'
import { accountPrograms } from '../programs/programs.table.ts'
import { users } from '../users/users.table.ts'
import { accounts } from './accounts.table.ts'
import { keeperOf, type AccountKeeper } from './customer-accounts.ts'

export const ACCOUNT_TYPES = ['account', 'did', 'extension', 'eaddress'] as const
export type AccountType = (typeof ACCOUNT_TYPES)[number]

/** An account as tenant-facing APIs show it: no device secrets, plus its subscribed programs. */
export type AccountView = Omit<typeof accounts.$inferSelect, 'passwdEnc' | 'passwdPinEnc'> & { programs: number[] }

/** Writable account fields; `undefined` = not supplied, `null` = clear. Settings: a null value removes the key. */
export interface AccountFields {
  type?: string | null
  username?: string | null
  passwd?: string | null
  passwdPin?: string | null
  firstName?: string | null
  lastName?: string | null
  address?: string | null
  phone?: string | null
  email?: string | null
  active?: boolean | null
  settings?: Record<string, string | null> | null
}

const SETTING_NAME = /^[A-Za-z0-9_.-]{1,64}$/

const viewColumns = {
  id: accounts.id, tenantId: accounts.tenantId, userId: accounts.userId, customerId: accounts.customerId, type: accounts.type, username: accounts.username,
  firstName: accounts.firstName, lastName: accounts.lastName, address: accounts.address, phone: accounts.phone, email: accounts.email,
  active: accounts.active, settings: accounts.settings, createdAt: accounts.createdAt, updatedAt: accounts.updatedAt,
  // Subscribed programs (§5.2), in the same statement as the account.
  programs: sql<number[]>`coalesce((select json_agg(ap.program_id order by ap.program_id) from ${accountPrograms} ap where ap.account_id = ${accounts.id}), '[]'::json)`,
}

const accountFilters: FilterSpec = {
  created: accounts.createdAt,
  exact: {
    id: { column: accounts.id, kind: 'int' }, userId: { column: accounts.userId, kind: 'int' },
    type: { column: accounts.type, kind: 'enum' }, active: { column: accounts.active, kind: 'bool' },
  },
  text: { username: accounts.username, firstName: accounts.firstName, lastName: accounts.lastName, phone: accounts.phone, email: accounts.email, address: accounts.address },
}

/** Accounts an actor may see: admins every account of the tenant (owned or not); others their own. */
export function accountScope(actor: Actor): SQL | undefined {
  return ownedScope(actor, accounts)
}

function withPrograms(row: AccountView): AccountView {
  return { ...row, programs: row.programs.map(Number) }
}

/** One visible account (optionally of one type), or NotFound('Account'). */
export async function findVisibleAccount(core: Core, actor: Actor, id: number, type?: AccountType): Promise<AccountView> {
  const [row] = await core.db.select(viewColumns).from(accounts)
    .where(and(eq(accounts.id, id), type ? eq(accounts.type, type) : undefined, accountScope(actor))).limit(1)
  if (!row) throw new NotFound('Account', id)
  return withPrograms(row)
}

function checkSettings(settings: Record<string, string | null> | null | undefined): Record<string, string | null> | undefined {
  if (settings === undefined || settings === null) return undefined
  for (const [k, v] of Object.entries(settings)) {
    if (!SETTING_NAME.test(k)) throw new Invalid('settings', `has an invalid name ${JSON.stringify(k)}`)
    if (v !== null) textRule('settings', v, LONG_TEXT)
  }
  return settings
}

function checkFields(f: AccountFields): AccountFields {
  for (const k of ['username', 'passwd', 'passwdPin', 'firstName', 'lastName', 'address'] as const) textRule(k, f[k])
  return {
    ...f,
    phone: phoneRule('phone', blankToNull(f.phone)),
    email: emailRule('email', blankToNull(f.email)),
    firstName: blankToNull(f.firstName), lastName: blankToNull(f.lastName), address: blankToNull(f.address),
    settings: checkSettings(f.settings),
  }
}

async function assertUnique(core: Core, tenantId: number | null, type: AccountType, f: { username?: string | null; phone?: string | null }, exceptId?: number): Promise<void> {
  const other = exceptId === undefined ? undefined : ne(accounts.id, exceptId)
  // A DID routes inbound traffic by its number, so a number is one DID in the whole deployment.
  if (type === 'did' && f.phone) {
    const [hit] = await core.db.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.type, 'did'), eq(accounts.phone, f.phone), other)).limit(1)
    if (hit) throw new Conflict('phone')
  }
  if (f.username) {
    const [hit] = await core.db.select({ id: accounts.id }).from(accounts)
      .where(and(sql`coalesce(${accounts.tenantId}, 0) = ${tenantId ?? 0}`, eq(accounts.type, type), eq(accounts.username, f.username), other)).limit(1)
    if (hit) throw new Conflict('username')
  }
}

function requiredOfType(type: AccountType, f: AccountFields, creating: boolean): void {
  const need: (keyof AccountFields)[] = type === 'did' ? ['phone'] : type === 'eaddress' ? ['email'] : type === 'extension' ? ['username', 'passwd'] : []
  for (const k of need) {
    if (creating) required(k, f[k])
    else notCleared(k, f[k])
  }
}

/** Why an account kept in step by another record refuses a change made to it directly. */
function followsItsKeeper(keeper: AccountKeeper): Locked {
  return new Locked(`Account follows its ${keeper}`)
}

/**
 * Creates an account owned by the actor (the creator) in the actor's tenant; an account of the
 * actor's customer when the actor is a customer's user.
 */
export async function createAccount(core: Core, actor: Actor, input: AccountFields): Promise<number> {
  requirePermission(actor, 'account_create')
  const type = (input.type ?? 'account') as AccountType
  if (!ACCOUNT_TYPES.includes(type)) throw new Invalid('type', 'is not an account type')
  const f = checkFields(input)
  requiredOfType(type, f, true)
  const username = blankToNull(f.username) ?? (type === 'did' ? f.phone : type === 'eaddress' ? f.email : null) ?? null
  const tenantId = tenantOf(actor)
  await assertUnique(core, tenantId, type, { username, phone: f.phone })
  const settings = Object.fromEntries(Object.entries(f.settings ?? {}).filter(([, v]) => v !== null)) as Record<string, string>
  try {
    const [row] = await core.db.insert(accounts).values({
      tenantId, userId: actor.userId, type, username,
      customerId: actor.userId === null ? null : sql<number | null>`(select ${users.customerId} from ${users} where ${users.id} = ${actor.userId})`,
      passwdEnc: f.passwd ? core.keyring.encrypt(f.passwd) : null, passwdPinEnc: f.passwdPin ? core.keyring.encrypt(f.passwdPin) : null,
      firstName: f.firstName ?? null, lastName: f.lastName ?? null, address: f.address ?? null, phone: f.phone ?? null, email: f.email ?? null,
      active: f.active ?? true, settings,
    }).returning({ id: accounts.id })
    return row!.id
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict('username')
    throw e
  }
}

/** Visible accounts (optionally of one type or one owner), filtered and paged (§6), by id. */
export async function listAccounts(core: Core, actor: Actor, query: ListQuery = {}, only: { type?: AccountType; ownerId?: number } = {}): Promise<AccountView[]> {
  requirePermission(actor, 'account_list')
  const w = listWindow(accountFilters, query)
  const q = core.db.select(viewColumns).from(accounts)
    .where(and(accountScope(actor), only.type ? eq(accounts.type, only.type) : undefined, only.ownerId !== undefined ? eq(accounts.userId, only.ownerId) : undefined, w.where))
    .orderBy(asc(accounts.id)).offset(w.offset)
  const rows = await (w.limit === undefined ? q : q.limit(w.limit))
  return rows.map(withPrograms)
}

/** The accounts owned by one visible user. */
export async function listUserAccounts(core: Core, actor: Actor, userId: number, query: ListQuery = {}): Promise<AccountView[]> {
  requirePermission(actor, 'user_read')
  await findVisibleUser(core, actor, userId)
  return listAccounts(core, actor, query, { ownerId: userId })
}

export async function getAccount(core: Core, actor: Actor, id: number, type?: AccountType): Promise<AccountView> {
  requirePermission(actor, 'account_read')
  return findVisibleAccount(core, actor, id, type)
}

/**
 * Partial update; `type` is immutable; settings merge (a null value removes that key). The number
 * (username, phone) of an account kept by a member phone or tracking number changes only there
 * (Locked).
 */
export async function updateAccount(core: Core, actor: Actor, id: number, input: AccountFields, type?: AccountType): Promise<AccountView> {
  requirePermission(actor, 'account_update')
  const current = await findVisibleAccount(core, actor, id, type)
  const f = checkFields({ ...input, type: undefined })
  requiredOfType(current.type, f, false)
  if (f.username === '') throw new Invalid('username', 'is empty')
  if ((f.username !== undefined && f.username !== current.username) || (f.phone !== undefined && f.phone !== current.phone)) {
    const keeper = await keeperOf(core.db, id)
    if (keeper) throw followsItsKeeper(keeper)
  }
  await assertUnique(core, current.tenantId, current.type, { username: f.username, phone: f.phone }, id)
  const set: Record<string, unknown> = { updatedAt: core.now() }
  for (const k of ['username', 'firstName', 'lastName', 'address', 'phone', 'email'] as const) if (f[k] !== undefined) set[k] = f[k]
  if (f.active !== undefined) {
    if (f.active === null) throw new Invalid('active', 'is required', 'required')
    set.active = f.active
  }
  if (f.passwd !== undefined) set.passwdEnc = f.passwd ? core.keyring.encrypt(f.passwd) : null
  if (f.passwdPin !== undefined) set.passwdPinEnc = f.passwdPin ? core.keyring.encrypt(f.passwdPin) : null
  if (f.settings) set.settings = mergeSettings(f.settings)
  try {
    await core.db.update(accounts).set(set).where(eq(accounts.id, id))
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict('username')
    throw e
  }
  return findVisibleAccount(core, actor, id)
}

/** SQL merging a settings patch into the stored object in one statement (no lost concurrent keys). */
export function mergeSettings(patch: Record<string, string | null>): SQL {
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== null))
  let expr = sql`(${accounts.settings} || ${JSON.stringify(set)}::jsonb)`
  for (const [k, v] of Object.entries(patch)) if (v === null) expr = sql`(${expr} - ${k}::text)`
  return expr
}

/**
 * Deletes a visible account (its transmissions, later, keep the id). The account of a member phone
 * or of a tracking number goes only with it (Locked).
 */
export async function deleteAccount(core: Core, actor: Actor, id: number, type?: AccountType): Promise<void> {
  requirePermission(actor, 'account_delete')
  await findVisibleAccount(core, actor, id, type)
  const keeper = await keeperOf(core.db, id)
  if (keeper) throw followsItsKeeper(keeper)
  try {
    await core.db.delete(accounts).where(eq(accounts.id, id))
  } catch (e) {
    // A member phone linked to it meanwhile (its foreign key refuses the delete).
    if (isForeignKeyViolation(e)) throw followsItsKeeper('member phone')
    throw e
  }
}

/**
 * Gives an account to a user (admin only). The account follows its owner into the owner's tenant
 * (only a platform admin can reach a user of another tenant) and becomes an account of the owner's
 * customer (none for a user of no customer), so that customer sees it. An account kept by a member
 * phone or tracking number stays its customer's: only a user of that customer, or one of its
 * tenant that belongs to no customer, may own it (else Invalid('user_id')).
 */
export async function setAccountOwner(core: Core, actor: Actor, id: number, userId: number): Promise<AccountView> {
  requireAdmin(actor, 'account_update')
  const account = await findVisibleAccount(core, actor, id)
  const owner = await findVisibleUser(core, actor, userId)
  const kept = (await keeperOf(core.db, id)) !== null
  if (kept && (owner.tenantId !== account.tenantId || (owner.customerId !== null && owner.customerId !== account.customerId))) {
    throw new Invalid('user_id', 'is not a user of the account\'s customer')
  }
  if (owner.tenantId !== account.tenantId) await assertUnique(core, owner.tenantId, account.type, { username: account.username }, id)
  try {
    await core.db.transaction(async (tx) => {
      await tx.update(accounts).set({ userId: owner.id, tenantId: owner.tenantId, customerId: kept ? account.customerId : owner.customerId, updatedAt: core.now() })
        .where(eq(accounts.id, id))
      // A new owner starts without the previous owner's subscriptions (§4.9).
      await tx.delete(accountPrograms).where(eq(accountPrograms.accountId, id))
    })
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict('username')
    throw e
  }
  return findVisibleAccount(core, actor, id)
}

/**
 * Leaves an account without owner (admin only). It is then no customer's account, unless a member
 * phone or tracking number keeps it (that stays its customer's).
 */
export async function clearAccountOwner(core: Core, actor: Actor, id: number): Promise<AccountView> {
  requireAdmin(actor, 'account_update')
  const account = await findVisibleAccount(core, actor, id)
  const kept = (await keeperOf(core.db, id)) !== null
  await core.db.transaction(async (tx) => {
    await tx.update(accounts).set({ userId: null, customerId: kept ? account.customerId : null, updatedAt: core.now() }).where(eq(accounts.id, id))
    await tx.delete(accountPrograms).where(eq(accountPrograms.accountId, id))
  })
  return findVisibleAccount(core, actor, id)
}
