import { and, eq, inArray, isNull } from 'drizzle-orm'
import { newJwtSalt } from '../core/settings/jwt-signing-key.ts'
import type { Db } from './client.ts'
import { permissions, rolePermissions, roles, serverSettings } from './schema.ts'
import { ADMIN_ROLE_PERMISSIONS, SEEDED_PERMISSIONS, USER_ROLE_PERMISSIONS } from '../core/users/permission-names.ts'

/** Inserts the built-in rows every deployment has; idempotent (runs after every migration). */
export async function seedBuiltins(db: Db): Promise<void> {
  // The JWT signing key is derived from the secret key and this salt (core/settings/jwt-signing-key.ts).
  // Databases made before 2026-12-07 kept the key itself in a readable row: it is deleted, which
  // signs everyone out once (the old key may have been read from world-readable PGlite files).
  await db.insert(serverSettings).values({ name: 'jwt_salt', value: newJwtSalt() }).onConflictDoNothing()
  await db.delete(serverSettings).where(eq(serverSettings.name, 'jwt_secret'))

  const existing = await db.select({ name: permissions.name }).from(permissions).where(isNull(permissions.tenantId))
  const have = new Set(existing.map((p) => p.name))
  const missing = SEEDED_PERMISSIONS.filter((n) => !have.has(n))
  if (missing.length) await db.insert(permissions).values(missing.map((name) => ({ name })))

  for (const [name, grants] of [['admin', ADMIN_ROLE_PERMISSIONS], ['user', USER_ROLE_PERMISSIONS]] as const) {
    let [role] = await db.select().from(roles).where(and(isNull(roles.tenantId), eq(roles.name, name)))
    if (role) continue
    ;[role] = await db.insert(roles).values({ name, builtin: true, description: `Built-in ${name} role` }).returning()
    const ids = await db.select({ id: permissions.id }).from(permissions)
      .where(and(isNull(permissions.tenantId), inArray(permissions.name, [...grants])))
    await db.insert(rolePermissions).values(ids.map((p) => ({ roleId: role!.id, permissionId: p.id })))
  }
}
