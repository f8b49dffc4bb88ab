import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Conflict, Forbidden, Invalid, NotFound } from '../errors.ts'
import { tenantOf } from '../kernel/tenancy.ts'
import { blankToNull, LONG_TEXT, notCleared, required, textRule } from '../kernel/field-rules.ts'
import { isUniqueViolation } from '../kernel/db-errors.ts'
import { requireAdmin } from '../kernel/guard.ts'
import { listWindow, type FilterSpec, type ListQuery } from '../kernel/list-filter.ts'
import { SEEDED_PERMISSIONS } from './permission-names.ts'
import { forgetUser } from './users.ts'
import { permissions, rolePermissions, userPermissions, userRoles } from './users.table.ts'

export type Permission = typeof permissions.$inferSelect
export interface PermissionFields { name?: string | null; description?: string | null }

const NAME = /^[a-z][a-z_]*$/
const SEEDED = [...SEEDED_PERMISSIONS]
const filters: FilterSpec = { exact: { id: { column: permissions.id, kind: 'int' } }, text: { name: permissions.name, description: permissions.description } }

/**
 * Permissions an actor may see: platform admins all; others their tenant's own plus the seeded
 * vocabulary (global rows of the platform tenant that reseller tenants share).
 */
export function permissionScope(actor: Actor): SQL | undefined {
  if (actor.crossTenant) return undefined
  if (actor.tenantId === null) return isNull(permissions.tenantId)
  return or(eq(permissions.tenantId, actor.tenantId), and(isNull(permissions.tenantId), inArray(permissions.name, SEEDED)))
}

/** Whether a permission may be granted to a role or user of `tenantId`. */
export function permissionGrantableIn(p: Permission, tenantId: number | null): boolean {
  return p.tenantId === tenantId || (p.tenantId === null && SEEDED.includes(p.name))
}

/** One permission visible to the actor, or NotFound('Permission'). */
export async function findVisiblePermission(core: Core, actor: Actor, id: number): Promise<Permission> {
  const [p] = await core.db.select().from(permissions).where(and(eq(permissions.id, id), permissionScope(actor))).limit(1)
  if (!p) throw new NotFound('Permission', id)
  return p
}

/** A row of another tenant (the shared vocabulary) is read-only to a reseller's admin. */
export function assertOwnRow(actor: Actor, rowTenantId: number | null): void {
  if (!actor.crossTenant && rowTenantId !== actor.tenantId) throw new Forbidden()
}

function checkFields(f: PermissionFields): PermissionFields {
  if (f.name !== undefined && f.name !== null && f.name !== '' && (!NAME.test(f.name) || f.name.length > 64)) throw new Invalid('name', 'must be lower-case letters and _')
  textRule('description', f.description, LONG_TEXT)
  return { name: f.name, description: blankToNull(f.description) }
}

async function assertNameFree(core: Core, actor: Actor, tenantId: number | null, name: string, exceptId?: number): Promise<void> {
  const [hit] = await core.db.select({ id: permissions.id }).from(permissions)
    .where(and(eq(permissions.name, name), exceptId === undefined ? undefined : sql`${permissions.id} <> ${exceptId}`,
      or(tenantId === null ? isNull(permissions.tenantId) : eq(permissions.tenantId, tenantId), and(isNull(permissions.tenantId), inArray(permissions.name, SEEDED)))))
    .limit(1)
  if (hit) throw new Conflict('name')
}

/** Forgets cached actors of every user holding a permission (directly or through a role). */
export async function forgetHoldersOfPermission(core: Core, permissionId: number): Promise<void> {
  const direct = await core.db.select({ id: userPermissions.userId }).from(userPermissions).where(eq(userPermissions.permissionId, permissionId))
  const viaRoles = await core.db.select({ id: userRoles.userId }).from(userRoles)
    .innerJoin(rolePermissions, eq(rolePermissions.roleId, userRoles.roleId)).where(eq(rolePermissions.permissionId, permissionId))
  for (const id of new Set([...direct, ...viaRoles].map((r) => r.id))) forgetUser(core, id)
}

/** Creates a permission name in the admin's tenant. */
export async function createPermission(core: Core, actor: Actor, input: PermissionFields): Promise<number> {
  requireAdmin(actor, 'permission_create')
  const f = checkFields(input)
  const name = required('name', f.name)
  const tenantId = tenantOf(actor)
  await assertNameFree(core, actor, tenantId, name)
  try {
    const [p] = await core.db.insert(permissions).values({ tenantId, name, description: f.description ?? null }).returning({ id: permissions.id })
    return p!.id
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict('name')
    throw e
  }
}

/** Visible permissions, filtered and paged, by id. */
export async function listPermissions(core: Core, actor: Actor, query: ListQuery = {}): Promise<Permission[]> {
  requireAdmin(actor, 'permission_list')
  const w = listWindow(filters, query)
  const q = core.db.select().from(permissions).where(and(permissionScope(actor), w.where)).orderBy(asc(permissions.id)).offset(w.offset)
  return w.limit === undefined ? q : q.limit(w.limit)
}

export async function getPermission(core: Core, actor: Actor, id: number): Promise<Permission> {
  requireAdmin(actor, 'permission_read')
  return findVisiblePermission(core, actor, id)
}

/** Partial update of name/description; holders' cached actors are dropped on a rename. */
export async function updatePermission(core: Core, actor: Actor, id: number, input: PermissionFields): Promise<Permission> {
  requireAdmin(actor, 'permission_update')
  const p = await findVisiblePermission(core, actor, id)
  assertOwnRow(actor, p.tenantId)
  notCleared('name', input.name)
  const f = checkFields(input)
  if (f.name !== undefined && f.name !== p.name) await assertNameFree(core, actor, p.tenantId, f.name!, id)
  const set: Partial<Permission> = {}
  if (f.name !== undefined) set.name = f.name!
  if (f.description !== undefined) set.description = f.description
  if (Object.keys(set).length) {
    try {
      await core.db.update(permissions).set(set).where(eq(permissions.id, id))
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict('name')
      throw e
    }
    if (set.name) await forgetHoldersOfPermission(core, id)
  }
  return findVisiblePermission(core, actor, id)
}

/** Deletes a permission and every grant of it. */
export async function deletePermission(core: Core, actor: Actor, id: number): Promise<void> {
  requireAdmin(actor, 'permission_delete')
  const p = await findVisiblePermission(core, actor, id)
  assertOwnRow(actor, p.tenantId)
  await forgetHoldersOfPermission(core, id)
  await core.db.delete(permissions).where(eq(permissions.id, id))
}
