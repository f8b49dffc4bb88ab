import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Invalid } from '../errors.ts'
import { containsPattern } from '../kernel/list-filter.ts'
import { pageWindow, type Page, type PageRequest } from '../kernel/pages.ts'
import { resellerFilter } from '../platform/platform.ts'
import { customers } from './customers.table.ts'
import { primaryLogin, type CustomerWithLogin } from './customer-queries.ts'


export interface CustomerListQuery extends PageRequest {
  resellerId?: number
  status?: 'active' | 'suspended'
  /** Case-insensitive part of the name, company or login. */
  search?: string
}

/** An operator's page of customers, by id: a reseller administrator's own, or the platform admin's (all, or one reseller's). */
export async function pageCustomers(core: Core, actor: Actor, query: CustomerListQuery = {}): Promise<Page<CustomerWithLogin>> {
  const { limit, offset } = pageWindow(query)
  const reseller = resellerFilter(actor, query.resellerId)
  const conds: SQL[] = []
  if (reseller !== undefined) conds.push(eq(customers.tenantId, reseller))
  if (query.status !== undefined) {
    if (query.status !== 'active' && query.status !== 'suspended') throw new Invalid('status', 'must be active or suspended')
    conds.push(eq(customers.status, query.status))
  }
  if (query.search) {
    if (query.search.includes('\u0000')) throw new Invalid('search', 'contains a NUL character')
    const p = containsPattern(query.search)
    conds.push(sql`(${customers.name} ilike ${p} or ${customers.company} ilike ${p} or ${primaryLogin} ilike ${p})`)
  }
  const where = conds.length ? and(...conds) : undefined
  const [rows, [total]] = await Promise.all([
    // The page's ids first, so the login subquery runs for the page only (see searchCustomers).
    core.db.select({ customer: customers, login: primaryLogin }).from(customers)
      .where(inArray(customers.id, core.db.select({ id: customers.id }).from(customers).where(where).orderBy(asc(customers.id)).limit(limit).offset(offset)))
      .orderBy(asc(customers.id)),
    core.db.select({ n: count() }).from(customers).where(where),
  ])
  return { items: rows, total: total!.n }
}
