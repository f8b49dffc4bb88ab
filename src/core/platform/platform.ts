import { randomBytes } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { operatorTenant, resellerActor, systemActor, type Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Forbidden, Invalid, NotFound } from '../errors.ts'
import { addNumbers } from '../numbers/index.ts'
import { createReseller, getReseller, type DialectName } from '../resellers/index.ts'
import { insertUser, setUserPassword, users } from '../users/index.ts'

// Platform operations: what the operator does across tenants (resellers, platform users, number
// stock), behind the native API and the CLI (which runs them directly when no server holds the
// database). Only platform admins and the system may call them.

/** Platform admins (and the system) only; anyone else → Forbidden('platform_admin'). */
export function requirePlatformAdmin(actor: Actor): void {
  if (!actor.crossTenant) throw new Forbidden('platform_admin')
}

/**
 * The platform admin, the system, or an administrator of reseller `resellerId`'s own tenant (a user
 * holding the admin role there); anyone else → Forbidden('reseller_admin'). What a reseller
 * administrator manages of its own tenant goes through this check.
 */
export function requireResellerAdmin(actor: Actor, resellerId: number): void {
  const own = operatorTenant(actor)
  // Another reseller looks exactly like one that does not exist.
  if (own !== null && own !== resellerId) throw new NotFound('Reseller', resellerId)
}

/**
 * The reseller a row made by an operator belongs to: a reseller administrator's own tenant (naming
 * another reseller looks like naming none that exists); the platform admin names it (`resellerId`,
 * required) and it must exist.
 */
export async function resellerForWrite(core: Core, actor: Actor, resellerId: number | undefined): Promise<number> {
  const own = operatorTenant(actor)
  if (own !== null) {
    if (resellerId !== undefined && resellerId !== own) throw new NotFound('Reseller', resellerId)
    return own
  }
  if (resellerId === undefined) throw new Invalid('resellerId', 'is required', 'required')
  await getReseller(core, resellerId)
  return resellerId
}

/** The condition confining an operator's list to one reseller: its own for a reseller admin, the named one (or all) for the platform admin. */
export function resellerFilter(actor: Actor, resellerId: number | undefined): number | undefined {
  const own = operatorTenant(actor)
  if (own === null) return resellerId
  if (resellerId !== undefined && resellerId !== own) throw new NotFound('Reseller', resellerId)
  return own
}

export interface CreateResellerInput { name: string; username?: string; parentId?: number; dialects?: DialectName[] }

/** Creates a reseller; its first API key is returned once. */
export async function provisionReseller(core: Core, actor: Actor, input: CreateResellerInput): Promise<{ id: number; username: string; apiKey: string }> {
  requirePlatformAdmin(actor)
  const { reseller, apiKey } = await createReseller(core, input)
  return { id: reseller.id, username: reseller.username, apiKey }
}

export interface CreateUserInput { username: string; password: string; email?: string; admin?: boolean; resellerId?: number }

/** Creates a login user in the platform tenant or a reseller's; `admin` adds the admin role to `user`. */
export async function createPlatformUser(core: Core, actor: Actor, input: CreateUserInput): Promise<{ id: number }> {
  requirePlatformAdmin(actor)
  if (input.resellerId !== undefined) await getReseller(core, input.resellerId)
  const user = await insertUser(core.db, input.resellerId ?? null, {
    username: input.username, password: input.password, email: input.email ?? null,
    roles: input.admin ? ['admin', 'user'] : ['user'],
  })
  return { id: user.id }
}

export interface AddNumbersInput { region: string; numberType: string; count: number; resellerId?: number }

/**
 * Adds tracking numbers to the inventory: the platform admin to the deployment-wide stock or to a
 * named reseller's; a reseller's administrator to its own stock.
 */
export async function stockNumbers(core: Core, actor: Actor, input: AddNumbersInput): Promise<{ added: number }> {
  let owner = systemActor
  if (!actor.crossTenant || input.resellerId !== undefined) owner = resellerActor(await resellerForWrite(core, actor, input.resellerId))
  const { added } = await addNumbers(core, owner, { region: input.region, numberType: input.numberType, count: input.count })
  return { added }
}

/** A reseller as the operator lists it. */
export interface ResellerSummary { id: number; name: string; username: string; parentId: number | null; enabled: boolean; dialects: string[] | null; createdAt: Date }

export interface ResetPasswordInput { username: string; password?: string; resellerId?: number }

/**
 * Sets a login user's password (the operator's reset: a forgotten admin password). Without one, a
 * password is generated and returned once. Its tokens issued before are refused from now on.
 */
export async function resetUserPassword(core: Core, actor: Actor, input: ResetPasswordInput): Promise<{ id: number; username: string; password?: string }> {
  requirePlatformAdmin(actor)
  if (input.resellerId !== undefined) await getReseller(core, input.resellerId)
  const tenant = input.resellerId === undefined ? sql`${users.tenantId} is null` : eq(users.tenantId, input.resellerId)
  const [user] = await core.db.select({ id: users.id, username: users.username }).from(users)
    .where(and(tenant, sql`lower(${users.username}) = lower(${input.username})`)).limit(1)
  if (!user) throw new NotFound('user')
  const generated = input.password === undefined ? randomBytes(12).toString('base64url') : undefined
  await setUserPassword(core, user.id, input.password ?? generated!)
  return generated ? { ...user, password: generated } : user
}
