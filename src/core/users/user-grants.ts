import { and, asc, eq } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { NotFound } from '../errors.ts'
import { requireAdmin, requirePermission } from '../kernel/guard.ts'
import { findVisiblePermission, permissionGrantableIn, type Permission } from './permissions.ts'
import { findVisibleRole, roleGrantableIn, type Role } from './roles.ts'
import { findVisibleUser, type UserView } from './user-admin.ts'
import { endUserSessions, forgetUser } from './users.ts'
import { permissions, roles, userPermissions, userRoles } from './users.table.ts'

/** The roles a visible user holds, by id. */
export async function listUserRoles(core: Core, actor: Actor, userId: number): Promise<Role[]> {
  requirePermission(actor, 'user_read')
  await findVisibleUser(core, actor, userId)
  const rows = await core.db.select({ r: roles }).from(userRoles).innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(eq(userRoles.userId, userId)).orderBy(asc(roles.id))
  return rows.map((r) => r.r)
}

/** Gives (`grant = true`) or takes a role; admin only, idempotent; returns the user. */
export async function setUserRole(core: Core, actor: Actor, userId: number, roleId: number, grant: boolean): Promise<UserView> {
  requireAdmin(actor, 'user_update')
  const user = await findVisibleUser(core, actor, userId)
  const role = await findVisibleRole(core, actor, roleId)
  if (grant) {
    if (!roleGrantableIn(role, user.tenantId)) throw new NotFound('Role', roleId)
    await core.db.insert(userRoles).values({ userId, roleId }).onConflictDoNothing()
  } else {
    await core.db.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.roleId, roleId)))
  }
  await endUserSessions(core.db, userId, core.now())
  forgetUser(core, userId)
  return findVisibleUser(core, actor, userId)
}

/** The permissions granted to a visible user directly (not through roles), by id. */
export async function listUserPermissions(core: Core, actor: Actor, userId: number): Promise<Permission[]> {
  requirePermission(actor, 'user_read')
  await findVisibleUser(core, actor, userId)
  const rows = await core.db.select({ p: permissions }).from(userPermissions).innerJoin(permissions, eq(permissions.id, userPermissions.permissionId))
    .where(eq(userPermissions.userId, userId)).orderBy(asc(permissions.id))
  return rows.map((r) => r.p)
}

/** Grants or withdraws a permission directly; admin only, idempotent; returns the user. */
export async function setUserPermission(core: Core, actor: Actor, userId: number, permissionId: number, grant: boolean): Promise<UserView> {
  requireAdmin(actor, 'user_update')
  const user = await findVisibleUser(core, actor, userId)
  const p = await findVisiblePermission(core, actor, permissionId)
  if (grant) {
    if (!permissionGrantableIn(p, user.tenantId)) throw new NotFound('Permission', permissionId)
    await core.db.insert(userPermissions).values({ userId, permissionId }).onConflictDoNothing()
  } else {
    await core.db.delete(userPermissions).where(and(eq(userPermissions.userId, userId), eq(userPermissions.permissionId, permissionId)))
  }
  await endUserSessions(core.db, userId, core.now())
  forgetUser(core, userId)
  return findVisibleUser(core, actor, userId)
}
