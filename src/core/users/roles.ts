import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Conflict, Locked, NotFound } from '../errors.ts'
import { tenantOf } from '../kernel/tenancy.ts'
import { blankToNull, LONG_TEXT, notCleared, required, textRule } from '../kernel/field-rules.ts'
import { isUniqueViolation } from '../kernel/db-errors.ts'
import { requireAdmin } from '../kernel/guard.ts'
import { listWindow, type FilterSpec, type ListQuery } from '../kernel/list-filter.ts'
import { assertOwnRow, findVisiblePermission, permissionGrantableIn, type Permission } from './permissions.ts'
import { forgetUser } from './users.ts'
import { permissions, rolePermissions, roles, userRoles } from './users.table.ts'

export type Role = typeof roles.$inferSelect
export interface RoleFields { name?: string | null; description?: string | null }

const filters: FilterSpec = { exact: { id: { column: roles.id, kind: 'int' } }, text: { name: roles.name, description: roles.description } }

/** Roles an actor may see: platform admins all; others their tenant's plus the built-in ones. */
export function roleScope(actor: Actor): SQL | undefined {
  if (actor.crossTenant) return undefined
  if (actor.tenantId === null) return isNull(roles.tenantId)
  return or(eq(roles.tenantId, actor.tenantId), and(isNull(roles.tenantId), eq(roles.builtin, true)))
}

/** Whether a role may be given to a user of `tenantId`. */
export function roleGrantableIn(r: Role, tenantId: number | null): boolean {
  return r.tenantId === tenantId || (r.tenantId === null && r.builtin)
}

/** One role visible to the actor, or NotFound('Role'). */
export async function findVisibleRole(core: Core, actor: Actor, id: number): Promise<Role> {
  const [r] = await core.db.select().from(roles).where(and(eq(roles.id, id), roleScope(actor))).limit(1)
  if (!r) throw new NotFound('Role', id)
  return r
}

function checkFields(f: RoleFields): RoleFields {
  textRule('name', f.name)
  textRule('description', f.description, LONG_TEXT)
  return { name: f.name?.trim(), description: blankToNull(f.description) }
}

async function assertNameFree(core: Core, tenantId: number | null, name: string, exceptId?: number): Promise<void> {
  const [hit] = await core.db.select({ id: roles.id }).from(roles)
    .where(and(eq(roles.name, name), exceptId === undefined ? undefined : sql`${roles.id} <> ${exceptId}`,
      or(tenantId === null ? isNull(roles.tenantId) : eq(roles.tenantId, tenantId), and(isNull(roles.tenantId), eq(roles.builtin, true)))))
    .limit(1)
  if (hit) throw new Conflict('name')
}

/** Forgets cached actors of every holder of a role. */
async function forgetHoldersOfRole(core: Core, roleId: number): Promise<void> {
  const holders = await core.db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.roleId, roleId))
  for (const h of holders) forgetUser(core, h.id)
}

export async function createRole(core: Core, actor: Actor, input: RoleFields): Promise<number> {
  requireAdmin(actor, 'role_create')
  const f = checkFields(input)
  const name = required('name', f.name)
  const tenantId = tenantOf(actor)
  await assertNameFree(core, tenantId, name)
  try {
    const [r] = await core.db.insert(roles).values({ tenantId, name, description: f.description ?? null }).returning({ id: roles.id })
    return r!.id
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict('name')
    throw e
  }
}

export async function listRoles(core: Core, actor: Actor, query: ListQuery = {}): Promise<Role[]> {
  requireAdmin(actor, 'role_list')
  const w = listWindow(filters, query)
  const q = core.db.select().from(roles).where(and(roleScope(actor), w.where)).orderBy(asc(roles.id)).offset(w.offset)
  return w.limit === undefined ? q : q.limit(w.limit)
}

export async function getRole(core: Core, actor: Actor, id: number): Promise<Role> {
  requireAdmin(actor, 'role_read')
  return findVisibleRole(core, actor, id)
}

/** Partial update; built-in roles keep their names (423 `Built-in role`). */
export async function updateRole(core: Core, actor: Actor, id: number, input: RoleFields): Promise<Role> {
  requireAdmin(actor, 'role_update')
  const r = await findVisibleRole(core, actor, id)
  assertOwnRow(actor, r.tenantId)
  notCleared('name', input.name)
  const f = checkFields(input)
  const set: Partial<Role> = {}
  if (f.name !== undefined && f.name !== r.name) {
    if (r.builtin) throw new Locked('Built-in role')
    await assertNameFree(core, r.tenantId, f.name!, id)
    set.name = f.name!
  }
  if (f.description !== undefined) set.description = f.description
  if (Object.keys(set).length) {
    try {
      await core.db.update(roles).set(set).where(eq(roles.id, id))
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict('name')
      throw e
    }
  }
  return findVisibleRole(core, actor, id)
}

/** Deletes a custom role (holders lose it); built-in roles are 423 `Built-in role`. */
export async function deleteRole(core: Core, actor: Actor, id: number): Promise<void> {
  requireAdmin(actor, 'role_delete')
  const r = await findVisibleRole(core, actor, id)
  if (r.builtin) throw new Locked('Built-in role')
  assertOwnRow(actor, r.tenantId)
  await forgetHoldersOfRole(core, id)
  await core.db.delete(roles).where(eq(roles.id, id))
}

/** The permissions a role grants, by id. */
export async function listRolePermissions(core: Core, actor: Actor, roleId: number): Promise<Permission[]> {
  requireAdmin(actor, 'role_read')
  await findVisibleRole(core, actor, roleId)
  const rows = await core.db.select({ p: permissions }).from(rolePermissions)
    .innerJoin(permissions, eq(permissions.id, rolePermissions.permissionId))
    .where(eq(rolePermissions.roleId, roleId)).orderBy(asc(permissions.id))
  return rows.map((r) => r.p)
}

/** Grants (`grant = true`) or withdraws a permission from a role; idempotent. */
export async function setRolePermission(core: Core, actor: Actor, roleId: number, permissionId: number, grant: boolean): Promise<Role> {
  requireAdmin(actor, 'role_update')
  const r = await findVisibleRole(core, actor, roleId)
  assertOwnRow(actor, r.tenantId)
  const p = await findVisiblePermission(core, actor, permissionId)
  if (grant) {
    if (!permissionGrantableIn(p, r.tenantId)) throw new NotFound('Permission', permissionId)
    await core.db.insert(rolePermissions).values({ roleId, permissionId }).onConflictDoNothing()
  } else {
    await core.db.delete(rolePermissions).where(and(eq(rolePermissions.roleId, roleId), eq(rolePermissions.permissionId, permissionId)))
  }
  await forgetHoldersOfRole(core, roleId)
  return r
}
