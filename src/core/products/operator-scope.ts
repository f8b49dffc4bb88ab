import { and, eq } from 'drizzle-orm'
import { operatorTenant, resellerActor, type Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { NotFound } from '../errors.ts'
import { validId } from '../kernel/index.ts'
import { resellerForWrite } from '../platform/platform.ts'
import { accounts } from '../accounts/accounts.table.ts'
import { customers } from '../customers/customers.table.ts'
import { huntGroups, products } from './products.table.ts'

// The operator's side of the catalogue (native admin API, CLI): a reseller administrator acts on its
// own tenant, the platform admin on the tenant of the subject it names. The catalogue's core
// functions then run as that reseller, so a platform admin can never join rows of two tenants
// (an add-on of one reseller on an account of another).

/** The tables whose rows name the tenant an operator acts on. */
type SubjectTable = typeof customers | typeof accounts | typeof huntGroups | typeof products

/**
 * The reseller actor for the row `id` of `table`: the caller's own tenant (the row must be in it) or,
 * for the platform admin, the row's tenant. A row of another tenant is NotFound(entity).
 */
export async function actorForRow(core: Core, actor: Actor, table: SubjectTable, id: number, entity: string): Promise<Actor> {
  const own = operatorTenant(actor)
  if (!validId(id)) throw new NotFound(entity, id)
  const [row] = await core.db.select({ tenantId: table.tenantId }).from(table as typeof customers)
    .where(and(eq(table.id, id), own === null ? undefined : eq(table.tenantId, own)))
  if (!row || row.tenantId === null) throw new NotFound(entity, id)
  return resellerActor(row.tenantId)
}

/** The reseller actor for rows the operator creates: its own tenant, or the one the platform admin names (`resellerId`). */
export async function actorForReseller(core: Core, actor: Actor, resellerId: number | undefined): Promise<Actor> {
  return resellerActor(await resellerForWrite(core, actor, resellerId))
}
