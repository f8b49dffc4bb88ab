import { resellerActor, systemActor, type Actor } from '../../core/actor.ts'
import type { Core } from '../../core/core.ts'
import { Forbidden } from '../../core/errors.ts'
import { addNumbers } from '../../core/numbers/index.ts'
import { createReseller, getReseller, type DialectName } from '../../core/resellers/index.ts'
import { insertUser } from '../../core/users/index.ts'

// The platform operations behind the native API and the CLI (which runs them directly when no
// server holds the database). Only platform admins and the system may call them.

function requirePlatformAdmin(actor: Actor): void {
  if (!actor.crossTenant) throw new Forbidden('platform_admin')
}

export interface CreateResellerInput { name: string; username?: string; parentId?: number; dialects?: DialectName[] }

/** Creates a reseller; its first API key is returned once. */
export async function createResellerOp(core: Core, actor: Actor, input: CreateResellerInput): Promise<{ id: number; username: string; apiKey: string }> {
  requirePlatformAdmin(actor)
  const { reseller, apiKey } = await createReseller(core, input)
  return { id: reseller.id, username: reseller.username, apiKey }
}

export interface CreateUserInput { username: string; password: string; email?: string; admin?: boolean; resellerId?: number }

/** Creates a login user in the platform tenant or a reseller's; `admin` adds the admin role to `user`. */
export async function createUserOp(core: Core, actor: Actor, input: CreateUserInput): Promise<{ id: number }> {
  requirePlatformAdmin(actor)
  if (input.resellerId !== undefined) await getReseller(core, input.resellerId)
  const user = await insertUser(core.db, input.resellerId ?? null, {
    username: input.username, password: input.password, email: input.email ?? null,
    roles: input.admin ? ['admin', 'user'] : ['user'],
  })
  return { id: user.id }
}

export interface AddNumbersInput { region: string; numberType: string; count: number; resellerId?: number }

/** Adds tracking numbers to the inventory of the platform or of a reseller. */
export async function addNumbersOp(core: Core, actor: Actor, input: AddNumbersInput): Promise<{ added: number }> {
  requirePlatformAdmin(actor)
  if (input.resellerId !== undefined) await getReseller(core, input.resellerId)
  const owner = input.resellerId !== undefined ? resellerActor(input.resellerId) : systemActor
  const { added } = await addNumbers(core, owner, { region: input.region, numberType: input.numberType, count: input.count })
  return { added }
}
