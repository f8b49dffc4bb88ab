import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Invalid } from '../errors.ts'
import { containsPattern } from '../kernel/list-filter.ts'
import { pageWindow, type Page, type PageRequest } from '../kernel/pages.ts'
import { resellerFilter } from '../platform/platform.ts'
import { customers } from './customers.table.ts'
import type { CustomerWithLogin } from './customer-queries.ts'

const primaryLogin = sql<string | null>`(select pl."username" from "users" pl where pl."customer_id" = "customers"."id" order by pl."id" limit 1)`

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
    core.db.select({ customer: customers, login: primaryLogin }).from(customers).where(where).orderBy(asc(customers.id)).limit(limit).offset(offset),
    core.db.select({ n: count() }).from(customers).where(where),
  ])
  return { items: rows, total: total!.n }
}
