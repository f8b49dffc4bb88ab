import { and, eq } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { customers } from '../customers/customers.table.ts'
import { NotFound } from '../errors.ts'
import { tenantScope } from '../kernel/tenancy.ts'
import type { Db } from '../../db/client.ts'
import { numbersOf } from '../numbers/allocation.ts'
import { callTrackingCompanies } from './call-tracking.table.ts'
import { validId } from '../kernel/ids.ts'

export type CompanySettings = typeof callTrackingCompanies.$inferSelect

/** A call-tracking company: the core customer with its call-tracking profile. */
export interface Company extends CompanySettings {
  name: string
  email: string | null
}

async function selectCompany(db: Db, actor: Actor, id: number): Promise<Company | null> {
  if (!validId(id)) return null
  const [row] = await db.select({ c: callTrackingCompanies, name: customers.name, email: customers.email })
    .from(callTrackingCompanies).innerJoin(customers, eq(customers.id, callTrackingCompanies.customerId))
    .where(and(eq(callTrackingCompanies.customerId, id), tenantScope(actor, callTrackingCompanies.tenantId)))
  return row ? { ...row.c, name: row.name, email: row.email } : null
}

/** The actor's company `id`, or null (another tenant's company is reported exactly as a missing one). */
export async function findCompany(core: Core, actor: Actor, id: number): Promise<Company | null> {
  return selectCompany(core.db, actor, id)
}

/** The actor's company `id` with its allocated numbers (ascending); NotFound otherwise. */
export async function getCompany(core: Core, actor: Actor, id: number): Promise<Company & { numbers: string[] }> {
  const c = await selectCompany(core.db, actor, id)
  if (!c) throw new NotFound('Company', id)
  return { ...c, numbers: await numbersOf(core.db, c.customerId) }
}

/** Same as findCompany, inside a transaction. */
export async function findCompanyIn(tx: Db, actor: Actor, id: number): Promise<Company | null> {
  return selectCompany(tx, actor, id)
}
