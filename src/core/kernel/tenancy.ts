import { and, eq, isNull, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { Actor } from '../actor.ts'

/**
 * The SQL condition that confines a query to the actor's tenant, for a `tenant_id` column.
 * Undefined only for cross-tenant actors (platform admins, the system), who see every tenant.
 */
export function tenantScope(actor: Actor, column: AnyPgColumn): SQL | undefined {
  if (actor.crossTenant) return undefined
  return actor.tenantId === null ? isNull(column) : eq(column, actor.tenantId)
}

/** The tenant a new row of this actor belongs to. */
export function tenantOf(actor: Actor): number | null {
  return actor.tenantId
}

/** Rows of an owned table (tenant + owner user) the actor may see: its tenant's, and only its own unless admin (§2.4). */
export function ownedScope(actor: Actor, table: { tenantId: AnyPgColumn; userId: AnyPgColumn }): SQL | undefined {
  const tenant = tenantScope(actor, table.tenantId)
  return actor.isAdmin ? tenant : and(tenant, eq(table.userId, actor.userId ?? -1))
}
