import { randomBytes } from 'node:crypto'
import { and, eq, getTableColumns, inArray, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { permissionSetGrants, type Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Conflict, Invalid, SuspendedLogin, Unauthenticated } from '../errors.ts'
import { hashSecret, verifySecret } from '../secrets/index.ts'
import { limitLogin, type LoginAttempt } from '../login-limits/login-limits.ts'
import { ADMIN_MARKER_PERMISSION } from './permission-names.ts'
import { permissions, rolePermissions, roles, userPermissions, userRoles, users } from './users.table.ts'
import { accounts } from '../accounts/accounts.table.ts'
import { customers } from '../customers/customers.table.ts'

export type User = typeof users.$inferSelect

// A customer's primary login has no name, company, phone or address of its own: they are the
// customer's profile, which every dialect reads and writes (docs/decisions.md "One customer").
const fromProfile = (own: SQLWrapper, profile: SQLWrapper) => sql<string | null>`case when ${users.customerId} is null then ${own} else ${profile} end`

/** The columns of a user as every view shows it; select them `from(users).leftJoin(customers, userCustomer)`. */
export const USER_COLUMNS = {
  ...getTableColumns(users),
  firstName: fromProfile(users.firstName, customers.firstName),
  lastName: fromProfile(users.lastName, customers.lastName),
  company: fromProfile(users.company, customers.company),
  address: fromProfile(users.address, customers.address1),
  phone: fromProfile(users.phone, sql`case when ${customers.phoneCc} is null then ${customers.phone} else '+' || ${customers.phoneCc} || ${customers.phone} end`),
}

/** The join of a user to the customer whose primary login it may be. */
export const userCustomer = eq(customers.id, users.customerId)

/** Tables a user view is read from (read-cache dependencies). */
export const USER_TABLES = ['users', 'customers'] as const

export interface NewUser {
  username: string
  password: string
  email?: string | null
  firstName?: string | null
  lastName?: string | null
  phone?: string | null
  address?: string | null
  company?: string | null
  countryId?: number | null
  timezoneId?: number | null
  languageId?: number | null
  active?: boolean
  customerId?: number | null
  /** Built-in roles to hold; default `['user']`. */
  roles?: ('admin' | 'user')[]
  /** Names and phone of the default account when the user has none of its own (a customer's primary login). */
  account?: { firstName?: string | null; lastName?: string | null; phone?: string | null }
}

const USERNAME = /^[A-Za-z0-9._@+-]{1,128}$/
/**
 * An all-digit login identifier is a user id, never a username (docs/decisions/ictcore.md): else a
 * user named `4` in one tenant would shadow user 4 of another at login.
 */
export const ALL_DIGITS = /^[0-9]+$/

/**
 * Creates a user in `tenantId` holding the given built-in roles, and its default account
 * (type `account`, username/email/phone copied; an account of the user's customer, if it has one),
 * in one transaction on `db` (which may be a tx).
 */
export async function insertUser(db: Db, tenantId: number | null, input: NewUser): Promise<User> {
  if (!input.username || !USERNAME.test(input.username)) throw new Invalid('username', 'is invalid', input.username ? 'invalid' : 'required')
  if (ALL_DIGITS.test(input.username)) throw new Invalid('username', 'may not be all digits')
  if (!input.password || input.password.length < 6 || input.password.length > 128) throw new Invalid('password', 'must be 6-128 characters')
  const tenantKey = sql`coalesce(${users.tenantId}, 0) = ${tenantId ?? 0}`
  const clash = await db.select({ id: users.id, username: users.username }).from(users)
    .where(and(tenantKey, or(sql`lower(${users.username}) = lower(${input.username})`, input.email ? sql`lower(${users.email}) = lower(${input.email})` : sql`false`)))
  if (clash.length) throw new Conflict(clash[0]!.username.toLowerCase() === input.username.toLowerCase() ? 'username' : 'email')
  const passwordHash = await hashSecret(input.password)
  return db.transaction(async (tx) => {
    const [user] = await tx.insert(users).values({
      tenantId, customerId: input.customerId ?? null, username: input.username, email: input.email ?? null, passwordHash,
      firstName: input.firstName ?? null, lastName: input.lastName ?? null, phone: input.phone ?? null, address: input.address ?? null,
      company: input.company ?? null, countryId: input.countryId ?? null, timezoneId: input.timezoneId ?? null,
      languageId: input.languageId ?? null, active: input.active ?? true,
    }).returning()
    const roleNames = input.roles ?? ['user']
    const roleRows = await tx.select({ id: roles.id }).from(roles).where(and(isNull(roles.tenantId), inArray(roles.name, roleNames)))
    if (roleRows.length) await tx.insert(userRoles).values(roleRows.map((r) => ({ userId: user!.id, roleId: r.id })))
    const a = input.account ?? input
    await tx.insert(accounts).values({
      tenantId, userId: user!.id, customerId: input.customerId ?? null, type: 'account', username: input.username, email: input.email ?? null,
      phone: a.phone ?? null, firstName: a.firstName ?? null, lastName: a.lastName ?? null,
    }).onConflictDoNothing()
    return user!
  })
}

/** Effective permission names of a user: its roles' grants plus its direct grants. */
export async function permissionsOfUser(db: Db, userId: number): Promise<Set<string>> {
  const viaRoles = await db.select({ name: permissions.name }).from(userRoles)
    .innerJoin(rolePermissions, eq(rolePermissions.roleId, userRoles.roleId))
    .innerJoin(permissions, eq(permissions.id, rolePermissions.permissionId))
    .where(eq(userRoles.userId, userId))
  const direct = await db.select({ name: permissions.name }).from(userPermissions)
    .innerJoin(permissions, eq(permissions.id, userPermissions.permissionId))
    .where(eq(userPermissions.userId, userId))
  return new Set([...viaRoles, ...direct].map((p) => p.name))
}

/** Whether a permission set makes its holder admin (§2.4: holds `user_create`, by prefix too). */
export function grantsAdmin(perms: ReadonlySet<string>): boolean {
  return permissionSetGrants(perms, ADMIN_MARKER_PERMISSION)
}

/**
 * The Actor of an active user, from the exact read cache (any committed change of users, roles or
 * grants, in any process, is seen by the next call). Inactive or missing → Unauthenticated.
 */
export async function actorForUser(core: Core, userId: number): Promise<Actor & { user: User }> {
  const actor = await core.reads.get(`user-actor:${userId}`, ACTOR_TABLES, async () => {
    const [row] = await core.db.select({ ...USER_COLUMNS, customerStatus: customers.status }).from(users).leftJoin(customers, userCustomer).where(eq(users.id, userId))
    if (!row) return null
    const { customerStatus, ...user } = row
    const perms = await permissionsOfUser(core.db, user.id)
    const isAdmin = grantsAdmin(perms)
    return {
      actor: {
        tenantId: user.tenantId, userId: user.id, resellerId: null, isAdmin,
        crossTenant: isAdmin && user.tenantId === null, permissions: perms as ReadonlySet<string>, user,
      },
      // A suspended customer's logins fail in every dialect (spec/resellerclub.md §3, issue 15).
      suspended: customerStatus === 'suspended',
    }
  })
  if (!actor || !actor.actor.user.active) throw new Unauthenticated()
  if (actor.suspended) throw new SuspendedLogin(actor.actor.user.customerId!)
  return actor.actor
}

/** What an actor is read from: the user, its roles and grants. */
const ACTOR_TABLES = [...USER_TABLES, 'user_roles', 'role_permissions', 'permissions', 'user_permissions']

/**
 * Refuses every login token a user holds (issued before now): after its password, roles or grants
 * change or it is disabled. Tokens are checked against this on every use (actorForToken).
 */
export async function endUserSessions(db: Db, userId: number, now: Date): Promise<void> {
  await db.update(users).set({ tokensValidFrom: now }).where(eq(users.id, userId))
}

/** Whether a token issued at `issuedAtSeconds` (JWT `iat`) was issued before the user's sessions were ended. */
export function issuedBeforeSessionsEnded(user: User, issuedAtSeconds: number): boolean {
  // Whole seconds, as `iat` is: a token issued in the same second as the change stays valid, so a
  // login right after a password change is never refused.
  return issuedAtSeconds < Math.floor(user.tokensValidFrom.getTime() / 1000)
}

/** Drops cached verifications and actors of a user after a change to it. */
export function forgetUser(core: Core, userId: number): void {
  core.credentials.drop(`user:${userId}`)
}

/**
 * Resolves a login identifier as ICTCore does (§2): with `@` an email (case-insensitive), all
 * digits a user id (usernames may not be all digits), else an exact username; then checks the password. The same identifier may
 * exist in several tenants; the password decides (docs/decisions.md). Optional `scope` confines the
 * search (a reseller's members). Verified logins are cached; concurrent checks of one login run once.
 */
export async function authenticateUserPassword(
  core: Core,
  identifier: string,
  password: string,
  scope?: { tenantId?: number | null; customerOnly?: boolean },
  attempt?: LoginAttempt,
): Promise<User> {
  // No stored login holds a NUL (PostgreSQL text cannot), so such an identifier matches nobody.
  if (!identifier || !password || identifier.includes('\u0000')) throw new Unauthenticated()
  // Failures count per login name as given and where it is looked up (every tenant, or the one a
  // partner confines it to, so one partner cannot lock another's members), whoever it names: an
  // unknown name counts like a known one, so a lock tells nothing of who exists. The lock is checked
  // before the verified-credential cache, so a cached right password is refused during a lock too.
  const where = scope?.tenantId === undefined ? '*' : String(scope.tenantId)
  return limitLogin(core, attempt, `user\0${where}\0${identifier.toLowerCase()}`, () => checkUserPassword(core, identifier, password, scope))
}

function checkUserPassword(core: Core, identifier: string, password: string, scope?: { tenantId?: number | null; customerOnly?: boolean }): Promise<User> {
  const cacheKey = ['user-login', identifier, password, String(scope?.tenantId ?? '*'), String(scope?.customerOnly ?? false)]
  return core.credentials.lookup(cacheKey, async (): Promise<User> => {
    const conds: SQL[] = []
    if (scope?.tenantId !== undefined) conds.push(scope.tenantId === null ? isNull(users.tenantId) : eq(users.tenantId, scope.tenantId))
    if (scope?.customerOnly) conds.push(sql`${users.customerId} is not null`)
    const find = async (c: ReturnType<typeof sql>) => core.db.select().from(users).where(and(c, ...conds)).orderBy(users.id).limit(20)
    let candidates: User[]
    if (identifier.includes('@')) candidates = await find(sql`lower(${users.email}) = lower(${identifier})`)
    else if (ALL_DIGITS.test(identifier)) candidates = identifier.length <= 9 ? await find(sql`${users.id} = ${Number(identifier)}`) : []
    else candidates = await find(sql`${users.username} = ${identifier}`)
    // No such user: the password is still checked (against a hash of nothing) so that an unknown
    // login takes as long as a wrong password and timing does not tell who exists (#13 finding 4).
    if (!candidates.length) await verifySecret(password, await unknownUserHash())
    for (const user of candidates) {
      if (await verifySecret(password, user.passwordHash)) {
        if (!user.active) throw new Unauthenticated('inactive')
        if (user.customerId !== null && (await customerSuspended(core, user.customerId))) throw new SuspendedLogin(user.customerId)
        core.credentials.set(cacheKey, `user:${user.id}`, user)
        return user
      }
    }
    throw new Unauthenticated()
  })
}

async function customerSuspended(core: Core, customerId: number): Promise<boolean> {
  const [c] = await core.db.select({ status: customers.status }).from(customers).where(eq(customers.id, customerId))
  return c?.status === 'suspended'
}

let dummyHash: Promise<string> | null = null
/** A hash with the parameters of real ones, of a random secret nobody knows; made once per process. */
function unknownUserHash(): Promise<string> {
  dummyHash ??= hashSecret(randomBytes(16).toString('base64url'))
  return dummyHash
}

/** Sets a user's password (hashing it) and forgets its cached logins. */
export async function setUserPassword(core: Core, userId: number, password: string): Promise<void> {
  if (!password || password.length < 6 || password.length > 128) throw new Invalid('password', 'must be 6-128 characters')
  const now = core.now()
  await core.db.update(users).set({ passwordHash: await hashSecret(password), passwordChangedAt: now, tokensValidFrom: now, updatedAt: now }).where(eq(users.id, userId))
  forgetUser(core, userId)
}

/**
 * First start: when no user exists, creates `admin` (roles admin + user) in the platform tenant.
 * Returns the generated password when none was configured, so the caller can print it once.
 */
export async function ensureBootstrapAdmin(core: Core, configuredPassword: string | undefined): Promise<{ created: boolean; userId?: number; generatedPassword?: string }> {
  const [{ n }] = (await core.db.select({ n: sql<number>`count(*)::int` }).from(users)) as [{ n: number }]
  if (n > 0) return { created: false }
  const password = configuredPassword || randomBytes(12).toString('base64url')
  const admin = await insertUser(core.db, null, { username: 'admin', password, roles: ['admin', 'user'] })
  return { created: true, userId: admin.id, generatedPassword: configuredPassword ? undefined : password }
}

/**
 * Undoes ensureBootstrapAdmin when the first start fails before the password was shown (the port is
 * in use): the next start creates the admin again and shows its password then.
 */
export async function withdrawBootstrapAdmin(core: Core, userId: number): Promise<void> {
  await core.db.delete(users).where(eq(users.id, userId))
  forgetUser(core, userId)
}
